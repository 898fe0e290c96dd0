//! Short names for the functions the wasm imports from the wasm-bindgen JS.
//!
//! wasm-bindgen names each import like `__wbg_getItem_5a8c0e1c5b34d1f2`, and
//! the name is written twice, in the wasm's import section and as a key of the
//! JS object that provides it. The hash is noise to a compressor: renaming
//! every import to `w0`, `w1`, … in both places shrinks the shipped app by a
//! few KiB and changes nothing else.

use crate::Result;

/// The wasm import section's id.
const IMPORT_SECTION: u8 = 2;

/// Renames the wasm-bindgen imports of `wasm` in it and in `js`, returning the
/// new wasm and JS. Each renamed import must appear exactly once in `js`, as
/// an object key (`name: function`), or nothing is renamed.
pub fn shorten(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String)> {
    let mut renamed = Vec::new();
    let wasm = rewrite_import_names(wasm, |name| {
        if !(name.starts_with("__wbg_") || name.starts_with("__wbindgen_")) {
            return name.to_owned();
        }
        let short = format!("w{:x}", renamed.len());
        renamed.push((name.to_owned(), short.clone()));
        short
    })?;
    let mut js = js.to_owned();
    for (name, short) in renamed {
        let key = format!("{name}: ");
        if js.matches(name.as_str()).count() != 1 || js.matches(key.as_str()).count() != 1 {
            return Err(format!(
                "the wasm-bindgen JS does not provide `{name}` as one `{name}: ...` key; \
                 this wasm-bindgen version lays out its imports differently, so update \
                 xtask/src/imports.rs"
            ));
        }
        js = js.replacen(&key, &format!("{short}: "), 1);
    }
    Ok((wasm, js))
}

/// `wasm` with each import's field name replaced by `rename(name)`.
fn rewrite_import_names(wasm: &[u8], mut rename: impl FnMut(&str) -> String) -> Result<Vec<u8>> {
    let mut reader = Reader { bytes: wasm, at: 8 };
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("the wasm does not start with the wasm 1.0 header".into());
    }
    let mut out = wasm[..8].to_vec();
    while reader.at < wasm.len() {
        let id = reader.byte()?;
        let size = reader.leb()?;
        let body = reader.take(size)?;
        let body = if id == IMPORT_SECTION { rewrite_imports(body, &mut rename)? } else { body.to_vec() };
        out.push(id);
        push_leb(&mut out, body.len());
        out.extend(body);
    }
    Ok(out)
}

/// An import section body with its field names renamed.
fn rewrite_imports(section: &[u8], rename: &mut impl FnMut(&str) -> String) -> Result<Vec<u8>> {
    let mut reader = Reader { bytes: section, at: 0 };
    let count = reader.leb()?;
    let mut out = Vec::with_capacity(section.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let module = reader.name()?;
        let field = reader.name()?;
        let description_start = reader.at;
        reader.skip_import_description()?;
        push_name(&mut out, module);
        push_name(&mut out, &rename(field));
        out.extend_from_slice(&section[description_start..reader.at]);
    }
    Ok(out)
}

/// Reads a wasm binary front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.at).ok_or("the wasm ends in the middle of a section")?;
        self.at += 1;
        Ok(byte)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at + len).ok_or("the wasm ends in the middle of a section")?;
        self.at += len;
        Ok(taken)
    }

    /// An unsigned LEB128 number.
    fn leb(&mut self) -> Result<usize> {
        let mut value = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err("the wasm has a number longer than 32 bits".into())
    }

    fn name(&mut self) -> Result<&'a str> {
        let len = self.leb()?;
        std::str::from_utf8(self.take(len)?).map_err(|_| "the wasm has an import name that is not UTF-8".into())
    }

    /// Steps over what an import is: a function, table, memory, global or tag.
    fn skip_import_description(&mut self) -> Result {
        match self.byte()? {
            0 => self.leb().map(drop),
            1 => {
                self.byte()?;
                self.skip_limits()
            }
            2 => self.skip_limits(),
            3 => self.take(2).map(drop),
            4 => {
                self.byte()?;
                self.leb().map(drop)
            }
            kind => Err(format!("the wasm imports something of unknown kind {kind}")),
        }
    }

    fn skip_limits(&mut self) -> Result {
        let has_max = self.byte()? & 1 == 1;
        self.leb()?;
        if has_max {
            self.leb()?;
        }
        Ok(())
    }
}

fn push_leb(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len());
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wasm with a type section, an import section holding a function and
    /// a memory, and a custom section after it.
    fn wasm_importing(names: &[(&str, &str)]) -> Vec<u8> {
        let mut imports = Vec::new();
        push_leb(&mut imports, names.len() + 1);
        for (module, field) in names {
            push_name(&mut imports, module);
            push_name(&mut imports, field);
            imports.extend([0, 0]);
        }
        push_name(&mut imports, "env");
        push_name(&mut imports, "memory");
        imports.extend([2, 1, 17, 200, 1]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.push(IMPORT_SECTION);
        push_leb(&mut wasm, imports.len());
        wasm.extend(imports);
        wasm.extend([0, 3, 2, b'h', b'i']);
        wasm
    }

    #[test]
    fn renames_the_imports_in_the_wasm_and_the_js() {
        let long = "__wbg_getItem_5a8c0e1c5b34d1f2";
        let wasm = wasm_importing(&[("./sorot_bg.js", long), ("./sorot_bg.js", "__wbindgen_init_externref_table")]);
        let js =
            format!("const import0 = {{\n    {long}: function(arg0) {{}},\n    __wbindgen_init_externref_table: function() {{}},\n}};");
        let (short_wasm, short_js) = shorten(&wasm, &js).unwrap();
        assert_eq!(short_wasm, wasm_importing(&[("./sorot_bg.js", "w0"), ("./sorot_bg.js", "w1")]));
        assert_eq!(short_js, "const import0 = {\n    w0: function(arg0) {},\n    w1: function() {},\n};");
    }

    #[test]
    fn an_import_the_js_names_twice_is_an_error() {
        let wasm = wasm_importing(&[("./sorot_bg.js", "__wbg_f_1")]);
        let error = shorten(&wasm, "__wbg_f_1: function() {}, x = __wbg_f_1;").unwrap_err();
        assert!(error.contains("__wbg_f_1"), "{error}");
        assert!(shorten(&wasm, "").is_err());
    }

    #[test]
    fn a_cut_off_wasm_is_an_error_not_a_panic() {
        let wasm = wasm_importing(&[("./sorot_bg.js", "__wbg_f_1")]);
        assert!(shorten(&wasm[..wasm.len() - 8], "__wbg_f_1: function() {}").is_err());
        assert!(shorten(b"\0asm", "").is_err());
    }
}
