//! `cargo xtask build`: compile the app to wasm, run wasm-bindgen, shrink the
//! wasm with wasm-opt, and assemble `dist/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools::{WasmTools, WASM_TARGET};
use crate::{cmd, files, heading, imports, pack, Result};

/// Where wasm-bindgen writes `sorot.js` and `sorot_bg.wasm`, under the root.
const BINDGEN_DIR: &str = "target/wasm-bindgen";

pub fn build(root: &Path, tools: &WasmTools) -> Result {
    heading("compile to wasm");
    cmd::run(cmd::cargo().args(["build", "--profile", "wasm-release", "--target", WASM_TARGET, "--lib", "-p", "sorot"]).current_dir(root))?;
    heading("wasm-bindgen");
    cmd::run(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", "web", "--no-typescript", "--remove-name-section", "--remove-producers-section", "--out-dir", BINDGEN_DIR])
            .args(["--out-name", "sorot"])
            .arg(format!("target/{WASM_TARGET}/wasm-release/sorot.wasm"))
            .current_dir(root),
    )?;
    let bindgen_dir = root.join(BINDGEN_DIR);
    let wasm = optimize(&tools.wasm_opt, &bindgen_dir.join("sorot_bg.wasm"))?;
    heading("the unpacker's wasm");
    let unpacker = compile_unpacker(root, &root.join("target"))?;
    let unpacker = shrink_unpacker(&tools.wasm_opt, &unpacker, &bindgen_dir)?;
    heading("assemble dist/");
    let minify = |text: &str, language: &str| minify(&tools.esbuild, &bindgen_dir, text, language);
    assemble_dist(root, &bindgen_dir.join("sorot.js"), &wasm, &unpacker, minify)
}

/// The wasm of `xtask/unpack`, which `sorot.html` runs to unpack the app's
/// wasm, compiled with `target_dir` as cargo's target directory.
pub fn compile_unpacker(root: &Path, target_dir: &Path) -> Result<Vec<u8>> {
    cmd::run(
        cmd::cargo()
            .args(["build", "--profile", "wasm-release", "--target", WASM_TARGET, "--lib", "-p", "sorot-unpack", "--target-dir"])
            .arg(target_dir)
            .current_dir(root),
    )?;
    files::read(&target_dir.join(WASM_TARGET).join("wasm-release/sorot_unpack.wasm"))
}

/// The unpacker's wasm without its names and debug sections, optimized
/// again by wasm-opt (by way of files in `work_dir`).
fn shrink_unpacker(wasm_opt: &Path, unpacker: &[u8], work_dir: &Path) -> Result<Vec<u8>> {
    let compiled = work_dir.join("sorot_unpack.wasm");
    let shrunk = work_dir.join("sorot_unpack.opt.wasm");
    files::write(&compiled, unpacker)?;
    cmd::run(Command::new(wasm_opt).args(["-O3", "--strip-debug", "--strip-producers", "-o"]).arg(&shrunk).arg(&compiled))?;
    files::read(&shrunk)
}

/// `text` (CSS or JS, as `language` says) minified by esbuild, by way of a
/// file in `work_dir`.
fn minify(esbuild: &Path, work_dir: &Path, text: &str, language: &str) -> Result<String> {
    let source = work_dir.join(format!("inline.{language}"));
    let minified = work_dir.join(format!("inline.min.{language}"));
    files::write(&source, text)?;
    cmd::run(
        Command::new(esbuild)
            .arg(&source)
            .args(["--minify", "--format=esm", "--log-level=warning"])
            .arg(format!("--outfile={}", minified.display())),
    )?;
    files::read_to_string(&minified)
}

/// Shrinks the wasm with binaryen's wasm-opt (size first), and returns the
/// wasm file to ship.
fn optimize(wasm_opt: &Path, wasm: &Path) -> Result<PathBuf> {
    heading("wasm-opt");
    let optimized = wasm.with_extension("opt.wasm");
    cmd::run(
        Command::new(wasm_opt)
            // Flattening and re-looping the control flow before two rounds
            // of -Oz lets binaryen find shorter forms: about 1% less wasm.
            .args(["--flatten", "--rereloop", "-Oz", "-Oz"])
            .args([
                // Rust places the stack and statics above 1 MiB, so the
                // first 1 KiB of memory is never used and wasm-opt may fold
                // constant addresses into load and store offsets.
                "--low-memory-unused",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
            ])
            .args(["--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types"])
            .args(["--enable-multivalue", "-o"])
            .arg(&optimized)
            .arg(wasm),
    )?;
    Ok(optimized)
}

/// Writes `dist/` afresh from `index.html`, `styles/*.css`, the
/// wasm-bindgen output and the unpacker's wasm, then prints the sizes that
/// matter. `minify` shrinks what `sorot.html` inlines (see
/// [`pack::single_file_html`]).
fn assemble_dist(root: &Path, js_path: &Path, wasm_path: &Path, unpacker: &[u8], minify: impl Fn(&str, &str) -> Result<String>) -> Result {
    let template = files::read_to_string(&root.join("index.html"))?;
    let css = pack::concat_styles(&read_styles(&root.join("styles"))?);
    let (wasm, js) = imports::shorten(&files::read(wasm_path)?, &files::read_to_string(js_path)?)?;
    let index = pack::index_html(&template)?;
    let packed = pack::pack_wasm(&wasm)?;
    let packed = pack::PackedWasm { packed: &packed, unpacker };
    pack::check_unpacks(&packed, &wasm, js_path.parent().unwrap_or(root))?;
    let single = pack::single_file_html(&template, &css, &js, &wasm, &packed, minify)?;

    let dist = root.join("dist");
    files::recreate_dir(&dist)?;
    files::write(&dist.join("sorot.css"), &css)?;
    files::write(&dist.join("sorot.js"), &js)?;
    files::write(&dist.join("sorot_bg.wasm"), &wasm)?;
    files::write(&dist.join("index.html"), &index)?;
    files::write(&dist.join("sorot.html"), &single)?;

    let gzipped = gzipped_size(&dist.join("sorot.html"))?;
    println!("dist/sorot.html: {} raw, {} gzipped", size(single.len()), size(gzipped));
    println!("dist/sorot_bg.wasm: {}", size(wasm.len()));
    if gzipped > GZIP_BUDGET_BYTES {
        return Err(format!(
            "dist/sorot.html is {} gzipped, over its budget of {}: make room before adding more",
            size(gzipped),
            size(GZIP_BUDGET_BYTES)
        ));
    }
    Ok(())
}

/// The most `dist/sorot.html` may weigh gzipped: 300 KiB.
const GZIP_BUDGET_BYTES: usize = 300 * 1024;

/// A file's size gzipped as `cargo xtask bench` measures it: Node's zlib at
/// level 9, so the build and the bench judge the budget alike.
fn gzipped_size(path: &Path) -> Result<usize> {
    let script = "process.stdout.write(String(require('zlib').gzipSync(require('fs').readFileSync(process.argv[1]), { level: 9 }).length))";
    let printed = cmd::output(Command::new("node").args(["-e", script]).arg(path))?;
    printed.trim().parse().map_err(|_| format!("node printed {printed:?}, not the gzipped size of {}", path.display()))
}

/// `(file name, contents)` of each `styles/*.css`, sorted by file name.
fn read_styles(styles_dir: &Path) -> Result<Vec<(String, String)>> {
    files::names_with_extension(styles_dir, "css")?
        .into_iter()
        .map(|name| {
            let contents = files::read_to_string(&styles_dir.join(&name))?;
            Ok((name, contents))
        })
        .collect()
}

fn size(bytes: usize) -> String {
    format!("{:.1} KiB ({bytes} bytes)", bytes as f64 / 1024.0)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::{env, fs, process, sync::OnceLock, time};

    /// The unpacker's wasm, compiled once for all tests, in a target
    /// directory of its own so it never waits for the build running them.
    pub fn unpacker() -> &'static [u8] {
        static UNPACKER: OnceLock<Vec<u8>> = OnceLock::new();
        UNPACKER.get_or_init(|| {
            let root = crate::workspace_root();
            compile_unpacker(&root, &root.join("target/xtask-tests")).unwrap()
        })
    }

    /// A throwaway folder laid out like the workspace root.
    fn fake_root(test: &str) -> PathBuf {
        let nanos = time::SystemTime::now().duration_since(time::UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_nanos());
        let root = env::temp_dir().join(format!("xtask-{test}-{}-{nanos}", process::id()));
        fs::create_dir_all(root.join("styles")).unwrap();
        fs::create_dir_all(root.join("dist/stale")).unwrap();
        fs::write(root.join("index.html"), "<head><!-- sorot:styles --></head><body><!-- sorot:script --></body>").unwrap();
        fs::write(root.join("styles/b.css"), "b {}\n").unwrap();
        fs::write(root.join("styles/a.css"), "a {}\n").unwrap();
        fs::write(root.join("styles/notes.txt"), "not css").unwrap();
        fs::write(root.join("sorot.js"), "async function __wbg_init(m) {}").unwrap();
        fs::write(root.join("sorot_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        root
    }

    #[test]
    fn assembles_a_fresh_dist() {
        let root = fake_root("assemble");
        assemble_dist(&root, &root.join("sorot.js"), &root.join("sorot_bg.wasm"), unpacker(), pack::tests::unminified).unwrap();
        let dist = root.join("dist");
        let css = fs::read_to_string(dist.join("sorot.css")).unwrap();
        assert_eq!(css, "/* from styles/a.css */\na {}\n/* from styles/b.css */\nb {}\n");
        assert_eq!(fs::read(dist.join("sorot_bg.wasm")).unwrap(), b"\0asm\x01\0\0\0");
        assert!(dist.join("sorot.js").is_file());
        assert!(fs::read_to_string(dist.join("index.html")).unwrap().contains("sorot.css"));
        assert!(fs::read_to_string(dist.join("sorot.html")).unwrap().contains("<style>"));
        assert!(!dist.join("stale").exists());
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_bad_template_leaves_dist_alone() {
        let root = fake_root("bad-template");
        fs::write(root.join("index.html"), "<!-- sorot:styles -->").unwrap();
        let error = assemble_dist(&root, &root.join("sorot.js"), &root.join("sorot_bg.wasm"), unpacker(), pack::tests::unminified);
        assert!(error.unwrap_err().contains("sorot:script"));
        assert!(root.join("dist/stale").exists());
        fs::remove_dir_all(root).unwrap();
    }
}
