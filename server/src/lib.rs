//! The portal's server as a library: configuration, database, sessions,
//! security headers and routes around the Leptos app. The binary
//! (`main.rs`) only reads its arguments and calls [`run`]; the tests
//! (`tests/http/`) serve [`build_app`] on their own ports.

pub mod answers;
pub mod client_address;
pub mod config;
mod copy;
pub mod db;
pub mod generate;
pub mod headers;
pub mod identification;
pub mod seed;
mod serving;
pub mod session_store;
pub mod testing;
pub mod web;

use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{any, get};
use axum::{middleware, Router};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use app::server::{Clock, Db, PortalConfig};
use app::{shell, App};
use config::{Command, Config};
use session_store::PortalSessionStore;

#[derive(Clone)]
struct ServerState {
    leptos_options: LeptosOptions,
    pool: Db,
    secure_cookies: bool,
    clock: Clock,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> Self {
        s.leptos_options.clone()
    }
}
impl FromRef<ServerState> for Clock {
    fn from_ref(s: &ServerState) -> Self {
        s.clock.clone()
    }
}
impl FromRef<ServerState> for Db {
    fn from_ref(s: &ServerState) -> Self {
        s.pool.clone()
    }
}
/// Whether the portal is served over TLS: cookies are marked `Secure` and
/// browsers told to keep to HTTPS (`--secure-cookies`).
#[derive(Debug, Clone, Copy)]
pub struct SecureCookies(pub bool);

impl FromRef<ServerState> for SecureCookies {
    fn from_ref(s: &ServerState) -> Self {
        SecureCookies(s.secure_cookies)
    }
}

/// Runs a command of the configuration: migrate, seed, generate or serve.
pub async fn run(config: Config) -> Result<(), String> {
    match config.command {
        Command::Keys => {
            let (signing, encryption) = &config.oidc_keys;
            for file in identification::keys::generate_missing(signing, encryption)? {
                println!("written: {}", file.display());
            }
            return Ok(());
        }
        Command::DemoPeople => {
            let people: Vec<_> = seed::demo_logins()
                .map(|(full_name, code)| serde_json::json!({ "full_name": full_name, "identity_code": code }))
                .collect();
            println!("{}", serde_json::Value::Array(people));
            return Ok(());
        }
        _ => {}
    }
    let pool = db::connect(&config.database_url).await?;
    if config.migrate {
        db::migrate(&pool).await?;
    } else {
        db::check_migrated(&pool).await?;
    }
    match config.command {
        Command::Migrate => {
            println!("database migrated: {}", db::redact(&config.database_url));
            if let Some(role) = &config.app_role {
                db::grant_app_role(&pool, role).await?;
                println!("{role} may read and append, and nothing else");
            }
            return Ok(());
        }
        Command::Seed => {
            let created = seed::seed_demo_people(&pool).await?;
            println!("demo people created: {created}");
            return Ok(());
        }
        Command::Generate(citizens, entries) => {
            let started = std::time::Instant::now();
            let (c, e) = generate::generate(&pool, citizens, entries, config.with_password).await?;
            println!("generated {c} citizens and {e} entries in {:.1} s", started.elapsed().as_secs_f64());
            return Ok(());
        }
        Command::Serve if config.seed => {
            let created = seed::seed_demo_people(&pool).await?;
            tracing::info!(created, "demo people seeded");
        }
        _ => {}
    }
    serving::serve(config, pool).await
}

/// What the router needs from the configuration.
#[derive(Debug, Clone)]
pub struct AppSettings {
    pub site_root: String,
    pub addr: std::net::SocketAddr,
    pub demo: bool,
    pub secure_cookies: bool,
    pub cross_sector_opens: chrono::DateTime<chrono::Utc>,
    pub idle_timeout: std::time::Duration,
    pub session_lifetime: std::time::Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// What "now" is for the sessions' idle timeout and lifetime.
    pub clock: Clock,
    /// Identification through an OpenID provider, if configured.
    pub identification: Option<identification::IdentificationSettings>,
}

/// The application's routes, generated once per process. Generating them
/// renders the app with a process-wide flag set that keeps every resource
/// from loading (leptos_router's `RouteList::generate`, leptos-rs/leptos#4773):
/// a page rendering at that moment on another instance would never finish.
/// The server builds one instance, but the tests build many side by side.
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP application: sessions, guards, security headers, the
/// Leptos pages and server functions, static files. Tests serve it too.
pub async fn build_app(pool: Db, settings: AppSettings) -> Result<Router, String> {
    // Sessions live in the same database, so any instance can serve any session.
    match &pool {
        Db::Sqlite(p) => {
            let store = PortalSessionStore::new(SqliteStore::new(p.clone()), pool.clone(), settings.clock.clone());
            build_app_with_sessions(pool, settings, store).await
        }
        Db::Postgres(p) => {
            let store = PortalSessionStore::new(PostgresStore::new(p.clone()), pool.clone(), settings.clock.clone());
            build_app_with_sessions(pool, settings, store).await
        }
    }
}

/// The deployment's form-key secret: the one in the database, or 32 random
/// bytes stored by the first instance that starts.
async fn form_key_secret(pool: &Db) -> Result<app::server::form_key::FormKeySecret, String> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let candidate: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let secret = pool
        .server_secret("form_key", &candidate)
        .await
        .map_err(|e| format!("cannot read the form-key secret: {e}"))?;
    Ok(app::server::form_key::FormKeySecret::new(secret.as_bytes()))
}

async fn build_app_with_sessions<S>(pool: Db, settings: AppSettings, session_store: S) -> Result<Router, String>
where
    S: tower_sessions::SessionStore + tower_sessions::session_store::ExpiredDeletion + Clone,
{
    delete_expired_sessions(session_store.clone());
    let session_layer = session_layer(session_store, &settings)?;
    let leptos_options = leptos_options(&settings);
    app::server::assets::SiteAssets::of(&leptos_options);
    let identification = settings.identification.clone().map(identification::Identification::new).transpose()?;
    let portal_config = PortalConfig {
        demo_mode: settings.demo,
        identification: settings.identification.as_ref().and_then(|i| origin_of(&i.issuer)),
        cross_sector_opens: settings.cross_sector_opens,
        secure_cookies: settings.secure_cookies,
        form_key_secret: form_key_secret(&pool).await?,
        clock: settings.clock.clone(),
        idle_timeout: settings.idle_timeout,
        session_lifetime: settings.session_lifetime,
    };
    let pool_for_identification = pool.clone();
    let state = ServerState {
        leptos_options,
        pool: pool.clone(),
        secure_cookies: settings.secure_cookies,
        clock: settings.clock.clone(),
    };
    let context = move || {
        provide_context(pool.clone());
        provide_context(portal_config.clone());
        leptos::nonce::provide_nonce();
    };
    let mut router = routes(&state, &settings.site_root, context);
    if let Some(ident) = identification {
        router = router.merge(identification::router(
            ident,
            pool_for_identification,
            settings.clock.clone(),
            settings.secure_cookies,
        ));
    }
    Ok(layers(router, &state, &settings, session_layer).with_state(state))
}

/// A URL's origin (`scheme://host[:port]`), as a CSP source.
fn origin_of(url: &str) -> Option<String> {
    reqwest::Url::parse(url).ok().map(|u| u.origin().ascii_serialization()).filter(|o| o != "null")
}

/// Deletes expired sessions every five minutes (the rows would stay forever
/// otherwise). With several instances each one does it; the deletion is one
/// idempotent statement.
fn delete_expired_sessions<S>(store: S)
where
    S: tower_sessions::session_store::ExpiredDeletion + Clone,
{
    tokio::spawn(async move {
        if let Err(e) = store.continuously_delete_expired(tokio::time::Duration::from_secs(300)).await {
            tracing::error!(error = %e, "deleting expired sessions failed");
        }
    });
}

/// The session cookie: HTTP only, same site, secure behind TLS, and expiring
/// after the idle timeout without a request.
fn session_layer<S: tower_sessions::SessionStore + Clone>(
    store: S,
    settings: &AppSettings,
) -> Result<SessionManagerLayer<S>, String> {
    let idle = time::Duration::try_from(settings.idle_timeout).map_err(|e| format!("idle timeout: {e}"))?;
    Ok(SessionManagerLayer::new(store)
        .with_name("kanta_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookies)
        .with_expiry(Expiry::OnInactivity(idle)))
}

/// Where the built site is, with its files' content-hashed names when the
/// build listed them.
fn leptos_options(settings: &AppSettings) -> LeptosOptions {
    let hash_file = app::server::assets::hash_file(&settings.site_root);
    LeptosOptions::builder()
        .output_name(env!("KANTA_SITE_OUTPUT_NAME"))
        .site_root(settings.site_root.as_str())
        .site_pkg_dir(env!("KANTA_SITE_PKG_DIR"))
        .site_addr(settings.addr)
        .env(Env::PROD)
        .hash_files(hash_file.is_some())
        .hash_file(hash_file.map(|p| p.to_string_lossy().into()).unwrap_or_else(|| "hash.txt".into()))
        .build()
}

/// The pages and server functions (with the portal's context), the
/// language switch, the health check and the built files.
fn routes(
    state: &ServerState,
    site_root: &str,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Router<ServerState> {
    let options = state.leptos_options.clone();
    let copy_context = context.clone();
    // leptos_routes registers every server function at its own path; this
    // route only answers names that do not exist.
    Router::new()
        .route("/api/{*fn_name}", any(web::unknown_server_fn))
        .leptos_routes_with_context(state, route_list(), context.clone(), move || shell(options.clone()))
        .route("/lang/{code}", get(web::set_language))
        .route("/patient-summary/download", get(move |req| copy::download(copy_context.clone(), req)))
        .route("/health", get(|| async { "ok" }))
        .nest_service(
            concat!("/", env!("KANTA_SITE_PKG_DIR")),
            ServeDir::new(format!("{site_root}/{}", env!("KANTA_SITE_PKG_DIR")))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(context, shell))
}

/// What every request passes through, outermost last: tracing, compression,
/// security headers, the client's address, the cross-site check, the
/// session and its lifetime, the session guard, the errors' status codes,
/// pages without scripts, and the body limit (a form over 64 KiB is refused
/// with 413 before any server function reads it).
fn layers<S>(
    router: Router<ServerState>,
    state: &ServerState,
    settings: &AppSettings,
    sessions: SessionManagerLayer<S>,
) -> Router<ServerState>
where
    S: tower_sessions::SessionStore + Clone,
{
    let lifetime = web::SessionLifetime {
        idle: settings.idle_timeout,
        absolute: settings.session_lifetime,
        pool: state.pool.clone(),
        clock: settings.clock.clone(),
    };
    router
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(middleware::from_fn(answers::pages_without_scripts))
        .layer(middleware::from_fn_with_state(
            answers::RedirectTargets(settings.identification.as_ref().and_then(|i| origin_of(&i.issuer))),
            answers::api_error_status,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), web::session_guard))
        .layer(middleware::from_fn_with_state(lifetime, web::session_lifetime))
        .layer(sessions)
        .layer(middleware::from_fn(web::session_save_failed))
        .layer(middleware::from_fn(web::refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            std::sync::Arc::new(settings.trusted_proxies.clone()),
            client_address::client_address,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), headers::security_headers))
        // Pages and answers in br or gzip, as the browser asks; the static
        // files are compressed ahead of time (ServeDir above).
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}
