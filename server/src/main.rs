//! The portal's server binary: reads its arguments and environment
//! (`kanta-server --help`), sets up logging and runs the command.

use kanta_server::config::{Command, Config, USAGE};
use tracing_subscriber::EnvFilter;

/// mimalloc, not glibc's allocator, for Rust and (the `override` feature)
/// for SQLite's own allocations: a page allocates and frees thousands of
/// small strings, and rows are allocated on the database's threads and freed
/// on the runtime's (a profile under load: glibc's malloc and its arena locks
/// were a fifth of the server's time under load).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let config = match Config::from_args_and_env(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(line) => {
            eprintln!("kanta-server: {line}");
            std::process::exit(2);
        }
    };
    if config.command == Command::Help {
        print!("{USAGE}");
        return;
    }
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info")))
        .with_target(false)
        .init();
    if let Err(line) = kanta_server::run(config).await {
        eprintln!("kanta-server: {line}");
        std::process::exit(1);
    }
}
