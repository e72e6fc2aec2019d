//! The portal's server binary: reads its arguments and environment
//! (`kanta-server --help`), sets up logging and runs the command.

use kanta_server::config::Config;
use tracing_subscriber::EnvFilter;

/// mimalloc, not glibc's allocator, for Rust and (the `override` feature)
/// for SQLite's own allocations: a page allocates and frees thousands of
/// small strings, and rows are allocated on the database's threads and freed
/// on the runtime's (a profile under load: glibc's malloc and its arena locks
/// were a fifth of the server's time under load).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // An empty KANTA_ variable means "not set" (clap would take it as an
    // empty value): removed before any thread starts.
    for (name, value) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("KANTA_") && value.is_empty() {
            std::env::remove_var(name);
        }
    }
    // A bad argument exits with its message and 2; --help and --version with 0.
    let config = Config::from_args_and_env(std::env::args().skip(1)).unwrap_or_else(|e| e.exit());
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info")))
        .with_target(false)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap_or_else(|e| {
        eprintln!("kanta-server: could not start the runtime: {e}");
        std::process::exit(1);
    });
    if let Err(line) = runtime.block_on(kanta_server::run(config)) {
        eprintln!("kanta-server: {line}");
        std::process::exit(1);
    }
}
