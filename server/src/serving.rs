//! Serving: the listener, what the demo prints at start, and a graceful stop.

use app::server::{password, Clock, Db};

use crate::config::Config;
use crate::{build_app, identification, seed, AppSettings};

pub(crate) async fn serve(config: Config, pool: Db) -> Result<(), String> {
    let app = build_app(
        pool.clone(),
        AppSettings {
            site_root: config.site_root.clone(),
            addr: config.addr,
            demo: config.demo,
            secure_cookies: config.secure_cookies,
            cross_sector_opens: config.cross_sector_opens,
            idle_timeout: config.idle_timeout,
            session_lifetime: config.session_lifetime,
            trusted_proxies: config.trusted_proxies.clone(),
            clock: Clock::system(),
            identification: config.identification.clone(),
        },
    )
    .await?;
    password::warm_up().await;

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let url = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    println!("MyKanta portal listening on {url}");
    if let Some(i) = &config.identification {
        println!(
            "Identification: {} (client {}), keys published at {}{}",
            i.issuer,
            i.client_id,
            i.public_url,
            identification::JWKS_PATH
        );
    }
    if config.demo {
        println!("Demo logins (password: {}):", seed::DEMO_PASSWORD);
        for (name, code) in seed::demo_logins() {
            println!("  {code}  {name}");
        }
    }
    // With the peer's address, for the audit log and login throttling.
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C: in-flight requests finish, then we stop.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
