//! `cargo xtask serve` and the test gate's server: a tiny threaded static
//! file server for `dist/` on 127.0.0.1 (GET and HEAD only, nothing cached).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::Result;

/// How much of a request is read before giving up on it.
const MAX_REQUEST_BYTES: u64 = 64 * 1024;

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
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}; is something else using it? try --port"))?;
    let address = listener.local_addr().map_err(|error| format!("cannot tell which port the server got: {error}"))?;
    let dist = Arc::new(dist.to_path_buf());
    let server = thread::spawn(move || accept_forever(&listener, &dist));
    Ok((address, server))
}

fn accept_forever(listener: &TcpListener, dist: &Arc<PathBuf>) {
    for connection in listener.incoming() {
        match connection {
            Ok(stream) => {
                let dist = Arc::clone(dist);
                thread::spawn(move || {
                    if let Err(error) = answer(&stream, &dist) {
                        eprintln!("serve: {error}");
                    }
                });
            }
            Err(error) => eprintln!("serve: cannot accept a connection: {error}"),
        }
    }
}

/// Reads one request from `stream` and writes the response.
fn answer(stream: &TcpStream, dist: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(MAX_REQUEST_BYTES));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    skip_headers(&mut reader)?;
    let response = respond(&request_line, dist);
    let mut writer = stream;
    writer.write_all(&response.head())?;
    if !response.head_only {
        writer.write_all(&response.body)?;
    }
    writer.flush()
}

/// Reads up to the blank line that ends the headers; none of them matter here.
fn skip_headers(reader: &mut impl BufRead) -> io::Result<()> {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            return Ok(());
        }
    }
}

struct Response {
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    head_only: bool,
}

impl Response {
    fn text(status: &'static str, message: &str) -> Response {
        Response { status, content_type: "text/plain; charset=utf-8", body: format!("{message}\n").into_bytes(), head_only: false }
    }

    fn head(&self) -> Vec<u8> {
        let allow = if self.status.starts_with("405") { "Allow: GET, HEAD\r\n" } else { "" };
        format!(
            "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{allow}\
             Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            self.status,
            self.content_type,
            self.body.len()
        )
        .into_bytes()
    }
}

/// The response to a request line such as `GET /sorot.js HTTP/1.1`.
fn respond(request_line: &str, dist: &Path) -> Response {
    let mut words = request_line.split_whitespace();
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return Response::text("400 Bad Request", "bad request line");
    };
    if method != "GET" && method != "HEAD" {
        return Response::text("405 Method Not Allowed", "only GET and HEAD are served");
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.contains("..") {
        return Response::text("400 Bad Request", "bad path");
    }
    let mut file = dist.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => Response { status: "200 OK", content_type: content_type(&file), body, head_only: method == "HEAD" },
        Err(_) => Response::text("404 Not Found", "not found"),
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

        let index = fetch(address, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(index.contains("Cache-Control: no-store\r\n"));
        assert!(index.ends_with("\r\n\r\n<p>hi</p>"));

        let wasm = fetch(address, "HEAD /sorot_bg.wasm?v=1 HTTP/1.1\r\n\r\n");
        assert!(wasm.contains("Content-Type: application/wasm\r\n"), "{wasm}");
        assert!(wasm.contains("Content-Length: 4\r\n"));
        assert!(wasm.ends_with("\r\n\r\n"));

        assert!(fetch(address, "GET /sub/ HTTP/1.1\r\n\r\n").ends_with("sub"));
        assert!(fetch(address, "GET /nope.js HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        assert!(fetch(address, "GET /../etc/passwd HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400"));
        let post = fetch(address, "POST / HTTP/1.1\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405") && post.contains("Allow: GET, HEAD"));
        assert!(fetch(address, "\r\n\r\n").starts_with("HTTP/1.1 400"));
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
