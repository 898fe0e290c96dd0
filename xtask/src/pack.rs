//! Turning the build outputs into the files of `dist/`: the stylesheet, the
//! served `index.html` and the self-contained `sorot.html`.
//!
//! Everything here works on text and bytes in memory, so it is tested
//! without a wasm build.

use std::io::Write;

use lzma_rust2::{LzmaOptions, LzmaWriter};
use sha2::{Digest, Sha256};

use crate::{files, wasm_split, Result};

/// Where `index.html` wants the styles.
pub const STYLES_MARKER: &str = "<!-- sorot:styles -->";
/// Where `index.html` wants the script that starts the app.
pub const SCRIPT_MARKER: &str = "<!-- sorot:script -->";

/// The stylesheet, and the script and the wasm asked for at once, so the
/// wasm downloads while `sorot.js` loads rather than after it has run.
const LINKED_HEAD: &str = r#"<link rel="stylesheet" href="sorot.css">
  <link rel="modulepreload" href="sorot.js">
  <link rel="preload" href="sorot_bg.wasm" as="fetch" type="application/wasm" crossorigin>"#;
const LINKED_SCRIPT: &str = "<script type=\"module\">import init from './sorot.js'; \
     await init({ module_or_path: './sorot_bg.wasm' });</script>";

/// `unpackWasm(unpacker, packed)`, which unpacks what [`pack_wasm`] packs
/// with the unpacker wasm (`xtask/unpack`). The browser's own
/// `DecompressionStream` only knows gzip and deflate, which leave the wasm
/// about a third larger.
const UNPACK: &str = include_str!("wasm_unpack.js");

/// `startFromCache(sha256, unpack, start)`, which keeps the unpacked wasm in
/// the browser's database so that only the first start unpacks it.
const WASM_CACHE: &str = include_str!("wasm_cache.js");

/// The page's unpacking and the cache that spares it.
fn page_unpacking() -> String {
    format!("{UNPACK}{WASM_CACHE}")
}

/// The function wasm-bindgen's `--target web` output exports as default.
const INIT_FUNCTION: &str = "async function __wbg_init(";

/// The stylesheet: each `(file name, contents)` in the given order, headed by
/// a comment naming its file.
pub fn concat_styles(sheets: &[(String, String)]) -> String {
    let mut css = String::new();
    for (name, contents) in sheets {
        css.push_str("/* from styles/");
        css.push_str(name);
        css.push_str(" */\n");
        css.push_str(contents);
        if !contents.ends_with('\n') {
            css.push('\n');
        }
    }
    css
}

/// `index.html` for serving next to `sorot.css`, `sorot.js` and `sorot_bg.wasm`.
pub fn index_html(template: &str) -> Result<String> {
    fill_template(template, LINKED_HEAD, LINKED_SCRIPT)
}

/// The wasm as `sorot.html` carries it: packed, and the unpacker's own
/// small wasm beside it.
pub struct PackedWasm<'a> {
    /// What [`pack_wasm`] made of the app's wasm.
    pub packed: &'a [u8],
    /// The wasm of `xtask/unpack`.
    pub unpacker: &'a [u8],
}

/// One HTML file holding the styles, the wasm-bindgen JS and the wasm (as
/// base64 of `packed`), which runs when opened from `file://`. The styles
/// and the whole script pass through `minify(text, "css" or "js")` first.
pub fn single_file_html(
    template: &str,
    css: &str,
    js: &str,
    wasm: &[u8],
    packed: &PackedWasm,
    minify: impl Fn(&str, &str) -> Result<String>,
) -> Result<String> {
    check_inlinable(js)?;
    let styles = format!("<style>\n{}</style>", escape_end_tag(&minify(css, "css")?, "style"));
    let wasm_sha256: String = Sha256::digest(wasm).iter().map(|byte| format!("{byte:02x}")).collect();
    let loader = wasm_loader(&base64(packed.packed), &wasm_sha256);
    let script = minify(&format!("{js}\n{}{loader}", page_unpacking()), "js")?;
    let script = fill_placeholder(&script, UNPACKER_PLACEHOLDER, &latin1_literal(packed.unpacker))?;
    let script = format!("<script type=\"module\">\n{}</script>", escape_end_tag(&script, "script"));
    fill_template(template, &styles, &script)
}

/// Where the loader wants the unpacker, as a string literal: filled in after
/// minifying, which would escape its every character above U+007F.
const UNPACKER_PLACEHOLDER: &str = "\"SOROT_UNPACKER\"";

/// `script` with its one `placeholder` replaced by `fill`.
fn fill_placeholder(script: &str, placeholder: &str, fill: &str) -> Result<String> {
    match script.matches(placeholder).count() {
        1 => Ok(script.replacen(placeholder, fill, 1)),
        count => {
            Err(format!("the minified script holds `{placeholder}` {count} times rather than once; see wasm_loader in xtask/src/pack.rs"))
        }
    }
}

/// Code run after the wasm-bindgen JS, [`UNPACK`] and [`WASM_CACHE`]:
/// starts the app with the wasm kept from an earlier start of this build
/// (the one whose SHA-256 is `wasm_sha256`), or unpacks the embedded one,
/// and puts what went wrong, if anything, where the page says it is
/// loading. The browser decodes the base64 where it can
/// (`Uint8Array.fromBase64`); elsewhere a plain loop over `atob`'s string
/// does, several times faster than `Uint8Array.from` with a callback.
fn wasm_loader(wasm_packed_base64: &str, wasm_sha256: &str) -> String {
    format!(
        "{{\n\
         const bytes = (text) => {{\n\
           let decoded = Uint8Array.fromBase64?.(text);\n\
           if (!decoded) {{\n\
             const binary = atob(text);\n\
             decoded = new Uint8Array(binary.length);\n\
             for (let i = 0; i < binary.length; i++) decoded[i] = binary.charCodeAt(i);\n\
           }}\n\
           return decoded;\n\
         }};\n\
         const unpack = () => unpackWasm({UNPACKER_PLACEHOLDER}, bytes(\"{wasm_packed_base64}\"));\n\
         try {{\n\
           await startFromCache(\"{wasm_sha256}\", unpack, (wasm) => __wbg_init({{ module_or_path: wasm }}));\n\
         }} catch (error) {{\n\
           const loading = document.querySelector('#app .loading');\n\
           if (loading) loading.textContent = error.message;\n\
           throw error;\n\
         }}\n\
         }}\n"
    )
}

/// The inlined JS must define the init function the loader calls and must
/// not import other files (an inline script has nothing beside it to import).
fn check_inlinable(js: &str) -> Result {
    if !js.contains(INIT_FUNCTION) {
        return Err(format!(
            "the wasm-bindgen JS has no `{INIT_FUNCTION}`; this wasm-bindgen version names its \
             init function differently, so update INIT_FUNCTION and the loader in xtask/src/pack.rs"
        ));
    }
    match js.lines().find(|line| line.trim_start().starts_with("import ")) {
        Some(line) => Err(format!(
            "the wasm-bindgen JS imports another file (`{}`), which cannot be inlined into \
             dist/sorot.html; avoid `#[wasm_bindgen(module = ...)]` and `inline_js` snippets",
            line.trim()
        )),
        None => Ok(()),
    }
}

/// Puts `styles` and `script` where the template's markers are.
fn fill_template(template: &str, styles: &str, script: &str) -> Result<String> {
    let mut spots = [
        (marker_position(template, STYLES_MARKER)?, STYLES_MARKER.len(), styles),
        (marker_position(template, SCRIPT_MARKER)?, SCRIPT_MARKER.len(), script),
    ];
    spots.sort_by_key(|&(at, _, _)| at);
    let mut html = String::with_capacity(template.len() + styles.len() + script.len());
    let mut copied_to = 0;
    for (at, marker_len, fill) in spots {
        html.push_str(&template[copied_to..at]);
        html.push_str(fill);
        copied_to = at + marker_len;
    }
    html.push_str(&template[copied_to..]);
    Ok(html)
}

fn marker_position(template: &str, marker: &str) -> Result<usize> {
    let positions: Vec<usize> = template.match_indices(marker).map(|(at, _)| at).collect();
    match positions[..] {
        [at] => Ok(at),
        [] => Err(format!("index.html has no `{marker}` marker; put it where the build should insert that part")),
        _ => Err(format!("index.html has `{marker}` {} times; keep exactly one", positions.len())),
    }
}

/// Writes `</tag` (any case) as `<\/tag`, so inlined text cannot end its
/// `<script>` or `<style>` element early.
fn escape_end_tag(text: &str, tag: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("</") {
        let after = &rest[at + 2..];
        escaped.push_str(&rest[..at]);
        let closes_tag = after.get(..tag.len()).is_some_and(|name| name.eq_ignore_ascii_case(tag));
        escaped.push_str(if closes_tag { "<\\/" } else { "</" });
        rest = after;
    }
    escaped.push_str(rest);
    escaped
}

/// LZMA in the .lzma format with the unpacked size in its header, at the
/// strongest settings. Wasm code is a byte stream with no alignment, so the
/// coder keys its guesses on the previous byte only, not on the position;
/// on that byte's top two bits (`lc` 2), since the split streams of small
/// numbers say little with more: 1.8 KB less than with `lc` 4, 0.4 KB
/// less than with 3, measured on Sorot's wasm.
pub fn lzma(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut options = LzmaOptions::with_preset(9);
    options.nice_len = LzmaOptions::NICE_LEN_MAX;
    options.lc = 2;
    options.pb = 0;
    let packed = LzmaWriter::new_use_header(Vec::new(), &options, Some(bytes.len() as u64))
        .and_then(|mut writer| {
            writer.write_all(bytes)?;
            writer.finish()
        })
        .map_err(|error| format!("LZMA failed: {error}"))?;
    Ok(packed)
}

/// `bytes` as a JavaScript string literal of one character per byte
/// (U+0000 to U+00FF), for a `<script>` of a UTF-8 page: gzip packs it
/// about a quarter smaller than base64, and the page reads it back at once,
/// where the browser's own inflating would take a trip through its event
/// loop. Escaped: what would end the literal or its line, what the HTML
/// parser would change (NUL, carriage return), and `<`, so nothing in it
/// can close or comment out the script.
pub fn latin1_literal(bytes: &[u8]) -> String {
    let mut literal = String::with_capacity(bytes.len() * 3 / 2 + 2);
    literal.push('"');
    for &byte in bytes {
        match byte {
            b'"' => literal.push_str("\\\""),
            b'\\' => literal.push_str("\\\\"),
            b'\n' => literal.push_str("\\n"),
            b'\r' => literal.push_str("\\r"),
            0 => literal.push_str("\\x00"),
            b'<' => literal.push_str("\\x3c"),
            _ => literal.push(char::from(byte)),
        }
    }
    literal.push('"');
    literal
}

/// The wasm as `sorot.html` carries it: its code split into streams
/// ([`wasm_split`]), then LZMA.
pub fn pack_wasm(wasm: &[u8]) -> Result<Vec<u8>> {
    lzma(&wasm_split::split(wasm)?)
}

/// Runs the page's own unpacking under Node on `packed` (in `work_dir`) and
/// checks it gives back `wasm` exactly, so a packing bug stops the build
/// instead of shipping a page that cannot start.
pub fn check_unpacks(packed: &PackedWasm, wasm: &[u8], work_dir: &std::path::Path) -> Result {
    let packed_path = work_dir.join("sorot.packed");
    let unpacker_path = work_dir.join("sorot_unpack.wasm");
    let unpacked_path = work_dir.join("sorot.unpacked.wasm");
    let script_path = work_dir.join("unpack.mjs");
    files::write(&packed_path, packed.packed)?;
    files::write(&unpacker_path, packed.unpacker)?;
    files::write(
        &script_path,
        format!(
            "{UNPACK}\nconst fs = await import('fs');\n\
             const [unpacker, packed, unpacked] = process.argv.slice(2);\n\
             fs.writeFileSync(unpacked, unpackWasm(fs.readFileSync(unpacker, 'latin1'), fs.readFileSync(packed)));\n"
        ),
    )?;
    crate::cmd::output(std::process::Command::new("node").arg(&script_path).arg(&unpacker_path).arg(&packed_path).arg(&unpacked_path))?;
    let unpacked = files::read(&unpacked_path)?;
    if unpacked != wasm {
        let first = unpacked.iter().zip(wasm).position(|(a, b)| a != b).unwrap_or(unpacked.len().min(wasm.len()));
        return Err(format!(
            "the page's unpacker does not give back the wasm (first difference at byte {first} of {}); \
             xtask/src/wasm_split.rs and xtask/unpack disagree",
            wasm.len()
        ));
    }
    Ok(())
}

/// Standard base64 (RFC 4648) with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for sextet in 0..4 {
            if sextet <= chunk.len() {
                let index = (group >> (18 - 6 * sextet)) & 0x3f;
                encoded.push(char::from(ALPHABET[index as usize]));
            } else {
                encoded.push('=');
            }
        }
    }
    encoded
}

#[cfg(test)]
pub mod tests {
    use super::*;

    const TEMPLATE: &str = "<head><!-- sorot:styles --></head><body><!-- sorot:script --></body>";
    const JS: &str = "async function __wbg_init(module_or_path) {}\n\
                      const s = '</script>';\nexport { __wbg_init as default };";

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xfe]), "+//+");
    }

    #[test]
    fn what_is_packed_unpacks() {
        let module = crate::wasm_split::tests::every_immediate();
        assert_eq!(sorot_unpack::unpack(&pack_wasm(&module).unwrap()).unwrap(), module);
    }

    #[test]
    fn the_page_unpacks_with_the_unpacker_wasm_and_notices_a_wrong_module() {
        let unpacker = crate::build::tests::unpacker();
        let dir = std::env::temp_dir().join(format!("xtask-unpack-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let module = crate::wasm_split::tests::every_immediate();
        let packed = pack_wasm(&module).unwrap();
        let packed = PackedWasm { packed: &packed, unpacker };
        check_unpacks(&packed, &module, &dir).unwrap();
        let mut other = module.clone();
        *other.last_mut().unwrap() ^= 1;
        let error = check_unpacks(&packed, &other, &dir).unwrap_err();
        assert!(error.contains(&format!("first difference at byte {}", module.len() - 1)), "{error}");
        let mut damaged = packed.packed.to_vec();
        damaged.truncate(damaged.len() / 2);
        let error = check_unpacks(&PackedWasm { packed: &damaged, unpacker }, &module, &dir).unwrap_err();
        assert!(error.contains("is damaged"), "{error}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_loader_decodes_the_base64_with_and_without_from_base64() {
        let dir = std::env::temp_dir().join(format!("xtask-loader-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let loader = wasm_loader(&base64(b"\0\xffwasm"), "00").replace(UNPACKER_PLACEHOLDER, "'un'");
        // Node 20 has no Uint8Array.fromBase64, so the first run takes the
        // atob loop and the second the stand-in given to it; it has no
        // indexedDB either, so the cache falls back to unpacking.
        let script = format!(
            "const seen = [], list = (bytes) => Array.from(bytes).join(',');\n\
             const unpackWasm = (unpacker, packed) => {{ seen.push(unpacker); return packed; }};\n\
             const __wbg_init = async ({{ module_or_path }}) => seen.push(list(module_or_path));\n\
             {WASM_CACHE}\n\
             delete Uint8Array.fromBase64;\n{loader}\n\
             Uint8Array.fromBase64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));\n{loader}\n\
             console.log(seen.join(' '));\n"
        );
        std::fs::write(dir.join("loader.mjs"), script).unwrap();
        let output = std::process::Command::new("node").arg(dir.join("loader.mjs")).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "un 0,255,119,97,115,109 un 0,255,119,97,115,109");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn every_byte_survives_the_latin1_literal_in_a_utf8_script() {
        let all: Vec<u8> = (0..=255).chain([b'<', b'/', b's', 0, b'\r', b'\n', 0, b'7']).collect();
        let literal = latin1_literal(&all);
        assert!(!literal.contains('<') && !literal.contains('\0') && !literal.contains('\r'));
        let dir = std::env::temp_dir().join(format!("xtask-latin1-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = format!("'use strict';\nconst text = {literal};\nconsole.log(Array.from(text, (c) => c.charCodeAt(0)).join(','));\n");
        std::fs::write(dir.join("latin1.js"), script).unwrap();
        let output = std::process::Command::new("node").arg(dir.join("latin1.js")).output().unwrap();
        let expected: Vec<String> = all.iter().map(u8::to_string).collect();
        assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), expected.join(","), "{}", String::from_utf8_lossy(&output.stderr));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_placeholder_is_an_error() {
        let error = fill_placeholder("x()", UNPACKER_PLACEHOLDER, "1").unwrap_err();
        assert!(error.contains("0 times"), "{error}");
    }

    #[test]
    fn styles_are_concatenated_with_their_names() {
        let sheets = [("a.css".to_string(), "a {}".to_string()), ("b.css".to_string(), "b {}\n".to_string())];
        assert_eq!(concat_styles(&sheets), "/* from styles/a.css */\na {}\n/* from styles/b.css */\nb {}\n");
    }

    #[test]
    fn index_links_the_separate_files() {
        let html = index_html(TEMPLATE).unwrap();
        assert!(html.starts_with(r#"<head><link rel="stylesheet" href="sorot.css">"#));
        assert!(html.contains(r#"<link rel="preload" href="sorot_bg.wasm" as="fetch" type="application/wasm" crossorigin></head><body>"#));
        assert!(html.contains("import init from './sorot.js'"));
        assert!(!html.contains("sorot:"));
    }

    #[test]
    fn markers_may_come_in_either_order() {
        let html = index_html("<!-- sorot:script -->|<!-- sorot:styles -->").unwrap();
        assert_eq!(html, format!("{LINKED_SCRIPT}|{LINKED_HEAD}"));
    }

    #[test]
    fn missing_or_repeated_markers_are_errors() {
        let error = index_html("<!-- sorot:styles -->").unwrap_err();
        assert!(error.contains(SCRIPT_MARKER), "{error}");
        let twice = format!("{TEMPLATE}{STYLES_MARKER}");
        assert!(index_html(&twice).unwrap_err().contains("2 times"));
    }

    const PACKED: PackedWasm = PackedWasm { packed: b"packed", unpacker: b"unpacker" };

    /// A `minify` for `single_file_html` that leaves the text as it is.
    pub fn unminified(text: &str, _language: &str) -> Result<String> {
        Ok(text.to_owned())
    }

    #[test]
    fn single_file_minifies_the_styles_and_the_whole_script() {
        let shout = |text: &str, language: &str| Ok(format!("{language}:{}", text.to_uppercase()));
        let html = single_file_html(TEMPLATE, "p {}\n", JS, b"wasm", &PACKED, shout).unwrap();
        assert!(html.contains("<style>\ncss:P {}\n</style>"));
        assert!(html.contains("js:ASYNC FUNCTION __WBG_INIT("));
        assert!(html.contains("FUNCTION UNPACKWASM(UNPACKER, PACKED)"));
        assert!(html.contains("UNPACKWASM(\"unpacker\", BYTES("), "the unpacker is filled in after minifying");
    }

    #[test]
    fn single_file_inlines_everything() {
        let html = single_file_html(TEMPLATE, "p {}\n", JS, b"wasm", &PACKED, unminified).unwrap();
        assert!(html.contains("<style>\np {}\n</style>"));
        assert!(html.contains("const s = '<\\/script>';"));
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(html.contains(&format!("unpackWasm(\"unpacker\", bytes(\"{}\"))", base64(b"packed"))));
        assert!(html.contains("function unpackWasm(unpacker, packed)"));
        assert!(html.contains("async function startFromCache(sha256, unpack, start)"));
        // The SHA-256 of the unpacked wasm ("wasm" here) names the build.
        assert!(html.contains("await startFromCache(\"336154bf67f765f8f75d16a0accee61b5ee5f6a75b2a2905703df913bd550f3e\", unpack,"));
    }

    #[test]
    fn single_file_refuses_js_it_cannot_inline() {
        let no_init = single_file_html(TEMPLATE, "", "export default 1;", b"", &PACKED, unminified).unwrap_err();
        assert!(no_init.contains("__wbg_init"), "{no_init}");
        let importing = format!("import * as s from './snippets/x.js';\n{JS}");
        let error = single_file_html(TEMPLATE, "", &importing, b"", &PACKED, unminified).unwrap_err();
        assert!(error.contains("snippets/x.js"), "{error}");
    }

    #[test]
    fn end_tags_are_escaped_in_any_case() {
        assert_eq!(escape_end_tag("a</SCRIPT>b</scr</div>", "script"), "a<\\/SCRIPT>b</scr</div>");
        assert_eq!(escape_end_tag("ü</style", "style"), "ü<\\/style");
    }
}
