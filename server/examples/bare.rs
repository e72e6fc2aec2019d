//! The yardstick for the page benchmark (`scripts/bench-web.sh`): a bare
//! axum handler that answers every GET with the same bytes, read once from
//! a file, on the same runtime the portal uses. The portal's throughput on
//! a page is reported as a fraction of this one's on that page's bytes.
//!
//! ```text
//! bare --addr 127.0.0.1:PORT --file PAGE.html
//! ```

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;

#[tokio::main]
async fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut addr, mut file) = (None, None);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--addr" => addr = args.next(),
            "--file" => file = args.next(),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let (Some(addr), Some(file)) = (addr, file) else {
        return Err("usage: bare --addr HOST:PORT --file PAGE.html".into());
    };
    let page = Bytes::from(std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?);
    let app = axum::Router::new().fallback(get(move || {
        let page = page.clone();
        async move { ([(CONTENT_TYPE, "text/html; charset=utf-8")], page) }
    }));
    let listener = tokio::net::TcpListener::bind(&addr).await.map_err(|e| format!("{addr}: {e}"))?;
    axum::serve(listener, app).await.map_err(|e| e.to_string())
}
