//! `cargo xtask serve` and the test gate's server: a static file server for
//! `dist/` on 127.0.0.1 (GET and HEAD only, nothing cached), on tiny_http.

use std::net::SocketAddr;
use std::path::Path;
use std::thread::{self, JoinHandle};

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::Result;

/// Serves `dist` on `port` until the process is killed.
pub fn serve_forever(dist: &Path, port: u16) -> Result {
    if !dist.join("index.html").is_file() {
        return Err(format!("{} has no index.html; run `cargo xtask build` first, or drop --no-build", dist.display()));
    }
    let (address, server) = start(dist, port)?;
    println!("Sorot is at http://127.0.0.1:{}/ (single file: dist/sorot.html)", address.port());
    server.join().map_err(|_| "the server thread stopped unexpectedly".to_string())
}

/// Starts serving `dist` in a background thread; port 0 picks a free port.
pub fn start(dist: &Path, port: u16) -> Result<(SocketAddr, JoinHandle<()>)> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}; is something else using it? try --port"))?;
    let address = server.server_addr().to_ip().ok_or("the server is not on an IP address")?;
    let dist = dist.to_path_buf();
    let thread = thread::spawn(move || {
        for request in server.incoming_requests() {
            let response = respond(request.method(), request.url(), &dist);
            if let Err(error) = answer(request, response) {
                eprintln!("serve: {error}");
            }
        }
    });
    Ok((address, thread))
}

/// What a request gets: a status, a content type and a body.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, message: &str) -> Reply {
        Reply { status, content_type: "text/plain; charset=utf-8", body: format!("{message}\n").into_bytes() }
    }
}

fn answer(request: Request, reply: Reply) -> std::io::Result<()> {
    let header = |name: &str, value: &str| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok();
    // For HEAD, tiny_http sends the headers (Content-Length included) and leaves the body out.
    let mut response = Response::from_data(reply.body).with_status_code(StatusCode(reply.status));
    let allow = (reply.status == 405).then(|| header("Allow", "GET, HEAD")).flatten();
    for header in [header("Content-Type", reply.content_type), header("Cache-Control", "no-store"), allow].into_iter().flatten() {
        response.add_header(header);
    }
    request.respond(response)
}

/// The reply to `method` on `url`, such as `GET /sorot.js?v=1`.
fn respond(method: &Method, url: &str, dist: &Path) -> Reply {
    if *method != Method::Get && *method != Method::Head {
        return Reply::text(405, "only GET and HEAD are served");
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.contains("..") {
        return Reply::text(400, "bad path");
    }
    let mut file = dist.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => Reply { status: 200, content_type: content_type(&file), body },
        Err(_) => Reply::text(404, "not found"),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|ext| ext.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::path::PathBuf;
    use std::{env, fs, process};

    fn fake_dist() -> PathBuf {
        let dist = env::temp_dir().join(format!("xtask-serve-{}", process::id()));
        fs::create_dir_all(dist.join("sub")).unwrap();
        fs::write(dist.join("index.html"), "<p>hi</p>").unwrap();
        fs::write(dist.join("sorot_bg.wasm"), b"\0asm").unwrap();
        fs::write(dist.join("sub/index.html"), "sub").unwrap();
        dist
    }

    fn fetch(address: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    #[test]
    fn serves_files_over_http() {
        let dist = fake_dist();
        let (address, _server) = start(&dist, 0).unwrap();

        let get = |what: &str| fetch(address, &format!("{what} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        let index = get("GET /");
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8\r\n"), "{index}");
        assert!(index.contains("Cache-Control: no-store\r\n"));
        assert!(index.ends_with("\r\n\r\n<p>hi</p>"), "{index}");

        let wasm = get("HEAD /sorot_bg.wasm?v=1");
        assert!(wasm.contains("Content-Type: application/wasm\r\n"), "{wasm}");
        assert!(wasm.contains("Content-Length: 4\r\n"), "{wasm}");
        assert!(wasm.ends_with("\r\n\r\n"));

        assert!(get("GET /sub/").ends_with("sub"));
        assert!(get("GET /nope.js").starts_with("HTTP/1.1 404"));
        assert!(get("GET /../etc/passwd").starts_with("HTTP/1.1 400"));
        let post = get("POST /");
        assert!(post.starts_with("HTTP/1.1 405") && post.contains("Allow: GET, HEAD"), "{post}");
        fs::remove_dir_all(dist).unwrap();
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(content_type(Path::new("a.json")), "application/json");
        assert_eq!(content_type(Path::new("a")), "application/octet-stream");
    }
}
