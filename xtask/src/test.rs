//! `cargo xtask test`: the whole test gate, in order and failing fast:
//! tools, the code's form (rustfmt, clippy for the native and the wasm32
//! builds), native tests, the exports read by their real consumers, a
//! build, then the browser tests against `dist/`.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

use crate::tools::{self, CHROMIUM};
use crate::{build, cmd, heading, serve, Result};

pub fn run(root: &Path) -> Result {
    let wasm_tools = tools::ensure_wasm_tools(root)?;
    heading("browser tools");
    tools::ensure_chromium()?;
    tools::ensure_node_deps(&root.join("tests/browser"))?;

    heading("code form (rustfmt, clippy native and wasm32)");
    tools::ensure_rust_components()?;
    cmd::run(cmd::cargo().args(["fmt", "--all", "--check"]).current_dir(root))?;
    cmd::run(cmd::cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]).current_dir(root))?;
    cmd::run(
        cmd::cargo()
            .args(["clippy", "--target", "wasm32-unknown-unknown", "--lib", "-p", "sorot", "-p", "sorot-unpack", "--", "-D", "warnings"])
            .current_dir(root),
    )?;

    heading("native tests");
    cmd::run(cmd::cargo().args(["test", "--workspace"]).current_dir(root))?;

    heading("export consumers (Python slicing, spaCy, Hugging Face datasets)");
    cmd::run(Command::new("bash").arg("tests/consumers/run.sh").current_dir(root))?;

    build::build(root, &wasm_tools)?;

    heading("static server");
    let (address, _server) = serve::start(&root.join("dist"), 0)?;
    println!("serving dist/ at http://{address}/");

    heading("browser tests");
    browser_tests(root, address)
}

fn browser_tests(root: &Path, address: SocketAddr) -> Result {
    cmd::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "tests/browser/"])
            .current_dir(root)
            .env("SOROT_URL", format!("http://{address}/"))
            .env("SOROT_DIST", root.join("dist"))
            .env("SOROT_SEED", root.join("src/seed_article.txt"))
            .env("CHROMIUM", CHROMIUM),
    )
}
