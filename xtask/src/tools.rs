//! Making sure the outside tools are there, installing what is missing: the
//! wasm32 target, the wasm-bindgen CLI and binaryen's wasm-opt for building,
//! Debian's Chromium and the npm packages for the browser tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cmd, files, heading, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What `tests/browser/package.json` starts as when it does not exist yet.
const BROWSER_PACKAGE_JSON: &str = r#"{"name":"sorot-browser-tests","private":true,"type":"module","dependencies":{"playwright-core":"1.64.1"}}
"#;

/// binaryen's wasm-opt from npm, the version that reads current wasm-bindgen
/// output (Debian's binaryen 108 cannot).
const BINARYEN: &str = "binaryen@132.0.0";

/// esbuild from npm, which minifies the script and styles that
/// `dist/sorot.html` inlines.
const ESBUILD: &str = "esbuild@0.28.2";

/// Where the npm build tools are installed, under the workspace root.
pub const NPM_TOOLS_DIR: &str = "target/npm-tools";

/// The tools a build needs, once they are known to be there.
pub struct WasmTools {
    pub wasm_bindgen: PathBuf,
    pub wasm_opt: PathBuf,
    pub esbuild: PathBuf,
}

pub fn ensure_wasm_tools(root: &Path) -> Result<WasmTools> {
    heading("wasm tools");
    ensure_wasm_target()?;
    let lock = files::read_to_string(&root.join("Cargo.lock"))?;
    let wanted = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile` in the workspace root")?;
    let wasm_bindgen = ensure_wasm_bindgen(&wanted)?;
    let wasm_opt = ensure_npm_tool(root, BINARYEN, "wasm-opt")?;
    let esbuild = ensure_npm_tool(root, ESBUILD, "esbuild")?;
    Ok(WasmTools { wasm_bindgen, wasm_opt, esbuild })
}

/// The command `command` of the npm package `package` under
/// `target/npm-tools`, installed from npm when missing (packages of
/// JavaScript, wasm or a prebuilt binary: nothing is downloaded later).
fn ensure_npm_tool(root: &Path, package: &str, command: &str) -> Result<PathBuf> {
    let dir = root.join(NPM_TOOLS_DIR);
    let path = dir.join("node_modules/.bin").join(command);
    if path.is_file() {
        println!("{command}: {}", path.display());
        return Ok(path);
    }
    println!("{command}: missing, installing {package} from npm into {NPM_TOOLS_DIR}");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // npm drops packages its package.json does not list, so an existing one
    // (naming the tools installed before) is kept.
    let package_json = dir.join("package.json");
    if !package_json.is_file() {
        files::write(&package_json, "{\"name\":\"sorot-build-tools\",\"private\":true}\n")?;
    }
    cmd::run(Command::new("npm").args(["install", "--no-audit", "--no-fund", package]).current_dir(&dir))?;
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("npm installed {package}, but {} is missing", path.display()))
    }
}

fn ensure_wasm_target() -> Result {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("rust target {WASM_TARGET}: installed");
        return Ok(());
    }
    println!("rust target {WASM_TARGET}: missing, adding it");
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Adds rustfmt and clippy to the toolchain when it lacks them.
pub fn ensure_rust_components() -> Result {
    let installed = cmd::output(Command::new("rustup").args(["component", "list", "--installed"]))?;
    let missing: Vec<&str> =
        ["rustfmt", "clippy"].into_iter().filter(|c| !installed.lines().any(|line| line.trim().starts_with(&format!("{c}-")))).collect();
    if missing.is_empty() {
        return Ok(());
    }
    cmd::run(Command::new("rustup").arg("component").arg("add").args(missing))
}

/// Finds a wasm-bindgen CLI of the version Cargo.lock pins, installing it
/// with cargo when there is none (the CLI must match the library exactly).
fn ensure_wasm_bindgen(wanted: &str) -> Result<PathBuf> {
    if let Some(wasm_bindgen) = wasm_bindgen_of_version(wanted) {
        println!("wasm-bindgen {wanted}: {}", wasm_bindgen.display());
        return Ok(wasm_bindgen);
    }
    println!("wasm-bindgen {wanted}: missing, installing wasm-bindgen-cli {wanted} (takes a few minutes)");
    cmd::run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", wanted]))?;
    wasm_bindgen_of_version(wanted)
        .ok_or(format!("installed wasm-bindgen-cli {wanted}, but no wasm-bindgen {wanted} is in PATH or ~/.cargo/bin"))
}

fn wasm_bindgen_of_version(wanted: &str) -> Option<PathBuf> {
    cmd::find_program("wasm-bindgen")
        .into_iter()
        .find(|path| cmd::output(Command::new(path).arg("--version")).is_ok_and(|printed| version_of(&printed) == Some(wanted)))
}

/// The version in a line like `wasm-bindgen 0.2.130`.
fn version_of(printed: &str) -> Option<&str> {
    printed.split_whitespace().nth(1)
}

/// The version Cargo.lock records for `package`.
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let mut in_package = false;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            in_package = false;
        } else if let Some(name) = toml_string(line, "name") {
            in_package = name == package;
        } else if in_package {
            if let Some(version) = toml_string(line, "version") {
                return Some(version.to_string());
            }
        }
    }
    None
}

/// The value of a `key = "value"` line.
fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let value = line.strip_prefix(key)?.trim_start().strip_prefix('=')?.trim();
    value.strip_prefix('"')?.strip_suffix('"')
}

/// Debian's chromium and chromedriver, installed with apt-get when missing.
pub fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        println!("chromium: {CHROMIUM}");
        return Ok(());
    }
    let use_sudo = !is_root();
    if use_sudo && cmd::find_program("sudo").is_empty() {
        return Err(format!(
            "the browser tests need {CHROMIUM} and {CHROMEDRIVER}; as root, run \
             `apt-get update && apt-get install -y chromium chromium-driver`"
        ));
    }
    println!("chromium: missing, installing Debian's chromium and chromium-driver");
    cmd::run(&mut apt_get(use_sudo, &["update"]))?;
    cmd::run(&mut apt_get(use_sudo, &["install", "-y", "chromium", "chromium-driver"]))?;
    if Path::new(CHROMIUM).is_file() {
        Ok(())
    } else {
        Err(format!("apt-get installed chromium, but {CHROMIUM} is still missing"))
    }
}

fn is_root() -> bool {
    cmd::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// `apt-get ARGS` that never stops to ask a question.
fn apt_get(use_sudo: bool, args: &[&str]) -> Command {
    let mut command = Command::new(if use_sudo { "sudo" } else { "env" });
    if use_sudo {
        command.arg("env");
    }
    command.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]).args(args);
    command
}

/// The npm packages of the browser tests in `dir`, installed when missing.
pub fn ensure_node_deps(dir: &Path) -> Result {
    if dir.join("node_modules/playwright-core").is_dir() {
        println!("playwright-core: installed in {}", dir.display());
        return Ok(());
    }
    if !dir.join("package.json").is_file() {
        create_package_json(dir)?;
    }
    let install = if dir.join("package-lock.json").is_file() { "ci" } else { "install" };
    cmd::run(Command::new("npm").args([install, "--no-audit", "--no-fund"]).current_dir(dir))
}

fn create_package_json(dir: &Path) -> Result {
    println!("{} has no package.json; creating one for playwright-core", dir.display());
    cmd::output(Command::new("npm").args(["view", "playwright-core", "version"]))
        .map_err(|error| format!("cannot ask the npm registry about playwright-core: {error}"))?;
    files::create_dir_all(dir)?;
    files::write(&dir.join("package.json"), BROWSER_PACKAGE_JSON)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.999"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "xtask"
version = "0.1.0"
"#;

    #[test]
    fn reads_the_locked_version() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(LOCK, "xtask").as_deref(), Some("0.1.0"));
        assert_eq!(locked_version(LOCK, "yew"), None);
        assert_eq!(locked_version("not a lock file", "wasm-bindgen"), None);
    }

    #[test]
    fn reads_the_cli_version() {
        assert_eq!(version_of("wasm-bindgen 0.2.130\n"), Some("0.2.130"));
        assert_eq!(version_of(""), None);
    }

    #[test]
    fn the_workspace_lock_pins_wasm_bindgen() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let lock = files::read_to_string(&root.join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_some());
    }
}
