//! The command line (clap): a command, and options each also read from an
//! environment variable (flags win). `kanta-server --help` lists them all;
//! the options may stand before or after the command.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Parser, Subcommand};

/// The MyKanta-style citizen portal's server.
#[derive(Debug, Parser)]
#[command(name = "kanta-server", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<CommandArgs>,
    #[command(flatten)]
    options: Options,
}

#[derive(Debug, Subcommand)]
enum CommandArgs {
    /// Migrate the database and serve the portal (the default).
    Serve,
    /// Create or migrate the database, then exit.
    Migrate,
    /// Migrate, create the demo people that are missing, then exit.
    Seed,
    /// Migrate, then add synthetic citizens for benchmarks.
    Generate {
        /// How many citizens.
        #[arg(long, default_value_t = 1000)]
        citizens: u64,
        /// Entries per citizen, in visits told by the demo's stories.
        #[arg(long, default_value_t = 100)]
        entries: u64,
        /// Give them the demo password (for load tests).
        #[arg(long)]
        with_password: bool,
    },
    /// Create the portal's identification keys where they are missing
    /// (--oidc-signing-key, --oidc-encryption-key) and write their public
    /// JWK set beside them, then exit.
    Keys,
    /// Print the demo people (name, identity code) as JSON, then exit.
    DemoPeople,
}

#[derive(Debug, Args)]
struct Options {
    /// sqlite://… or postgres://… [default: sqlite://DATA_DIR/kanta.sqlite]
    #[arg(long, env = "KANTA_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Where the default SQLite database lives.
    #[arg(long, env = "KANTA_DATA_DIR", default_value = "data", global = true)]
    data_dir: PathBuf,
    /// The address to listen on, HOST:PORT.
    #[arg(long, env = "KANTA_ADDR", default_value = "127.0.0.1:3000", global = true)]
    addr: SocketAddr,
    /// The built site (the leptos metadata's site-root).
    #[arg(long, env = "KANTA_SITE_ROOT", default_value = env!("KANTA_SITE_ROOT_DEFAULT"), global = true)]
    site_root: String,
    /// Show the demo logins on the login page.
    #[arg(long, env = "KANTA_DEMO", global = true, action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    demo: bool,
    /// serve: create the demo people first.
    #[arg(long, env = "KANTA_SEED", global = true, action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    seed: bool,
    /// Mark the session cookie Secure (behind TLS).
    #[arg(long, env = "KANTA_SECURE_COOKIES", global = true, action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    secure_cookies: bool,
    /// serve, seed: do not migrate, only check the schema is up to date
    /// (run as a role that owns no table).
    #[arg(long, env = "KANTA_NO_MIGRATE", global = true, action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    no_migrate: bool,
    /// A tracing filter.
    #[arg(long, env = "KANTA_LOG", default_value = "info,sqlx=warn", global = true)]
    log_level: String,
    /// Minutes: a session ends after this long without a request.
    #[arg(long, env = "KANTA_IDLE_TIMEOUT", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=10_000))]
    idle_timeout: u64,
    /// Hours: and this long after its login, however active.
    #[arg(long, env = "KANTA_SESSION_LIFETIME", default_value_t = 12, global = true,
          value_parser = clap::value_parser!(u64).range(1..=10_000))]
    session_lifetime: u64,
    /// When cross-sector consents open, YYYY-MM-DD (midnight in Helsinki; DOMAIN.md §4).
    #[arg(long, env = "KANTA_CROSS_SECTOR_OPENS", default_value = "2027-03-01", global = true, value_parser = iso_date)]
    cross_sector_opens: chrono::NaiveDate,
    /// migrate (PostgreSQL): grant this role what the server needs (read,
    /// append, keep sessions) and nothing else.
    #[arg(long, env = "KANTA_APP_ROLE", global = true)]
    app_role: Option<String>,
    /// Reverse proxies whose X-Forwarded-For names the client (the audit
    /// log, login throttling), comma-separated IP addresses.
    #[arg(long, env = "KANTA_TRUSTED_PROXIES", global = true, value_delimiter = ',', value_parser = ip_address)]
    trusted_proxies: Vec<IpAddr>,
    /// The identification service (an OpenID provider): its issuer URL.
    /// Without it there is no identification, and without --demo no login.
    #[arg(long, env = "KANTA_OIDC_ISSUER", global = true, value_parser = http_url)]
    oidc_issuer: Option<String>,
    /// The portal's client id at the identification service.
    #[arg(long, env = "KANTA_OIDC_CLIENT_ID", default_value = "kanta-portal", global = true)]
    oidc_client_id: String,
    /// The portal's RSA key (PEM) that signs its requests and client assertions
    /// [default: DATA_DIR/oidc/signing-key.pem].
    #[arg(long, env = "KANTA_OIDC_SIGNING_KEY", global = true)]
    oidc_signing_key: Option<PathBuf>,
    /// The portal's RSA key (PEM) that ID tokens are encrypted to
    /// [default: DATA_DIR/oidc/encryption-key.pem].
    #[arg(long, env = "KANTA_OIDC_ENCRYPTION_KEY", global = true)]
    oidc_encryption_key: Option<PathBuf>,
    /// The ID token claim that carries the personal identity code.
    #[arg(long, env = "KANTA_OIDC_IDENTITY_CLAIM", default_value = "personal_identity_code", global = true)]
    oidc_identity_claim: String,
    /// Seconds a call to the identification service may take.
    #[arg(long, env = "KANTA_OIDC_TIMEOUT", default_value_t = 5, global = true,
          value_parser = clap::value_parser!(u64).range(1..=60))]
    oidc_timeout: u64,
    /// The portal's address as browsers reach it (the identification
    /// service sends them back under it) [default: http://ADDR].
    #[arg(long, env = "KANTA_PUBLIC_URL", global = true, value_parser = http_url)]
    public_url: Option<String>,
}

fn http_url(s: &str) -> Result<String, String> {
    let ok = (s.starts_with("https://") || s.starts_with("http://")) && s.len() > "https://".len();
    if ok && !s.contains(char::is_whitespace) {
        Ok(s.trim_end_matches('/').to_string())
    } else {
        Err("not an http:// or https:// URL".to_string())
    }
}

fn iso_date(s: &str) -> Result<chrono::NaiveDate, String> {
    app::api::filters::parse_iso_date(s).ok_or_else(|| "not a date as YYYY-MM-DD".to_string())
}

fn ip_address(s: &str) -> Result<IpAddr, String> {
    s.trim().parse().map_err(|_| "not an IP address".to_string())
}

/// What the server is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    Seed,
    /// Synthetic data for benchmarks: (citizens, entries per citizen).
    Generate(u64, u64),
    /// The identification keys, made where missing.
    Keys,
    /// The demo people as JSON.
    DemoPeople,
}

/// The configuration, parsed and checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub command: Command,
    pub database_url: String,
    pub addr: SocketAddr,
    pub site_root: String,
    pub demo: bool,
    pub seed: bool,
    pub secure_cookies: bool,
    pub log_level: String,
    /// When cross-sector consents open (DOMAIN.md §4): midnight in Helsinki.
    pub cross_sector_opens: chrono::DateTime<chrono::Utc>,
    /// A session ends after this long without a request…
    pub idle_timeout: std::time::Duration,
    /// …and this long after its login, however active.
    pub session_lifetime: std::time::Duration,
    /// Migrate at start (off: only check that the schema is up to date).
    pub migrate: bool,
    /// `migrate`: the PostgreSQL role the server runs as, to grant its rights.
    pub app_role: Option<String>,
    /// `generate`: give the synthetic citizens the demo password (load tests).
    pub with_password: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Identification through an OpenID provider, when an issuer is given.
    pub identification: Option<crate::identification::IdentificationSettings>,
    /// Where the identification keys are (`keys` makes them there).
    pub oidc_keys: (PathBuf, PathBuf),
}

impl Config {
    /// From the arguments (without the program's name) and the environment.
    /// `--help` and `--version` come back as an error whose `exit` prints them.
    pub fn from_args_and_env(args: impl IntoIterator<Item = String>) -> Result<Self, clap::Error> {
        let cli = Cli::try_parse_from(std::iter::once("kanta-server".to_string()).chain(args))?;
        let o = cli.options;
        let (command, with_password) = match cli.command.unwrap_or(CommandArgs::Serve) {
            CommandArgs::Serve => (Command::Serve, false),
            CommandArgs::Migrate => (Command::Migrate, false),
            CommandArgs::Seed => (Command::Seed, false),
            CommandArgs::Generate { citizens, entries, with_password } => {
                (Command::Generate(citizens, entries), with_password)
            }
            CommandArgs::Keys => (Command::Keys, false),
            CommandArgs::DemoPeople => (Command::DemoPeople, false),
        };
        let oidc_dir = o.data_dir.join("oidc");
        let signing_key = o.oidc_signing_key.unwrap_or_else(|| oidc_dir.join("signing-key.pem"));
        let encryption_key = o.oidc_encryption_key.unwrap_or_else(|| oidc_dir.join("encryption-key.pem"));
        let public_url = o.public_url.unwrap_or_else(|| format!("http://{}", o.addr));
        let identification = o.oidc_issuer.map(|issuer| crate::identification::IdentificationSettings {
            issuer,
            client_id: o.oidc_client_id,
            signing_key: signing_key.clone(),
            encryption_key: encryption_key.clone(),
            identity_claim: o.oidc_identity_claim,
            public_url,
            timeout: std::time::Duration::from_secs(o.oidc_timeout),
        });
        let database_url = o.database_url.unwrap_or_else(|| format!("sqlite://{}/kanta.sqlite", o.data_dir.display()));
        Ok(Config {
            migrate: !o.no_migrate || command == Command::Migrate,
            command,
            database_url,
            addr: o.addr,
            site_root: o.site_root,
            demo: o.demo,
            seed: o.seed,
            secure_cookies: o.secure_cookies,
            log_level: o.log_level,
            cross_sector_opens: app::domain::time::helsinki_midnight(o.cross_sector_opens),
            idle_timeout: std::time::Duration::from_secs(o.idle_timeout * 60),
            session_lifetime: std::time::Duration::from_secs(o.session_lifetime * 3600),
            app_role: o.app_role,
            with_password,
            trusted_proxies: o.trusted_proxies,
            identification,
            oidc_keys: (signing_key, encryption_key),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Config, clap::Error> {
        Config::from_args_and_env(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_cross_sector_opening_date_is_helsinki_midnight_and_checked() {
        let c = parse(&["--cross-sector-opens", "2025-01-15"]).unwrap();
        assert_eq!(c.cross_sector_opens.to_rfc3339(), "2025-01-14T22:00:00+00:00");
        let default = parse(&[]).unwrap();
        assert_eq!(default.cross_sector_opens.to_rfc3339(), "2027-02-28T22:00:00+00:00");
        let e = parse(&["--cross-sector-opens", "1.3.2027"]).unwrap_err();
        assert!(e.to_string().contains("not a date as YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn session_lifetimes_default_to_30_minutes_and_12_hours_and_are_checked() {
        let default = parse(&[]).unwrap();
        assert_eq!((default.idle_timeout.as_secs(), default.session_lifetime.as_secs()), (30 * 60, 12 * 3600));
        let c = parse(&["--idle-timeout", "5", "--session-lifetime", "2"]).unwrap();
        assert!(c.migrate && c.app_role.is_none() && !c.with_password);
        assert_eq!((c.idle_timeout.as_secs(), c.session_lifetime.as_secs()), (300, 7200));
        for bad in [["--idle-timeout", "0"], ["--idle-timeout", "ten"], ["--session-lifetime", "10001"]] {
            assert_eq!(parse(&bad).unwrap_err().kind(), ErrorKind::ValueValidation, "{bad:?}");
        }
    }

    #[test]
    fn options_stand_before_or_after_the_command() {
        let c = parse(&["seed", "--addr", "127.0.0.1:4010", "--data-dir", "/tmp/x", "--demo"]).unwrap();
        assert_eq!(c.command, Command::Seed);
        assert_eq!(c.addr.port(), 4010);
        assert!(c.demo);
        assert!(
            c.database_url.starts_with("sqlite:///tmp/x/kanta.sqlite") || std::env::var("KANTA_DATABASE_URL").is_ok()
        );
        let before = parse(&["--demo", "serve", "--seed"]).unwrap();
        assert!(before.demo && before.seed && before.command == Command::Serve);
        let g = parse(&["generate", "--citizens", "5", "--entries", "7", "--with-password"]).unwrap();
        assert_eq!((g.command, g.with_password), (Command::Generate(5, 7), true));
    }

    #[test]
    fn a_server_that_owns_nothing_does_not_migrate_but_migrate_always_does() {
        let serve = parse(&["serve", "--no-migrate"]).unwrap();
        assert!(!serve.migrate);
        let migrate = parse(&["migrate", "--no-migrate", "--app-role", "kanta_app"]).unwrap();
        assert!(migrate.migrate);
        assert_eq!(migrate.app_role.as_deref(), Some("kanta_app"));
        let behind = parse(&["--trusted-proxies", "10.0.0.1, ::1"]).unwrap();
        assert_eq!(behind.trusted_proxies, ["10.0.0.1".parse::<IpAddr>().unwrap(), "::1".parse().unwrap()]);
        assert!(parse(&["--trusted-proxies", "proxy.example"]).unwrap_err().to_string().contains("not an IP address"));
    }

    #[test]
    fn identification_is_configured_by_its_issuer_with_keys_under_the_data_dir_by_default() {
        let none = parse(&["--data-dir", "/srv/kanta"]).unwrap();
        assert!(none.identification.is_none() || std::env::var("KANTA_OIDC_ISSUER").is_ok());
        assert_eq!(none.oidc_keys.0, PathBuf::from("/srv/kanta/oidc/signing-key.pem"));
        let c = parse(&[
            "--data-dir",
            "/srv/kanta",
            "--oidc-issuer",
            "https://tunnistus.example/oidc/",
            "--public-url",
            "https://omakanta.example",
            "--oidc-encryption-key",
            "/etc/kanta/enc.pem",
        ])
        .unwrap();
        let i = c.identification.unwrap();
        assert_eq!(i.issuer, "https://tunnistus.example/oidc");
        assert_eq!((i.client_id.as_str(), i.identity_claim.as_str()), ("kanta-portal", "personal_identity_code"));
        assert_eq!(i.signing_key, PathBuf::from("/srv/kanta/oidc/signing-key.pem"));
        assert_eq!(i.encryption_key, PathBuf::from("/etc/kanta/enc.pem"));
        assert_eq!((i.public_url.as_str(), i.timeout.as_secs()), ("https://omakanta.example", 5));
        let local = parse(&["--oidc-issuer", "http://127.0.0.1:4010", "--addr", "127.0.0.1:3000"]).unwrap();
        assert!(local.identification.unwrap().public_url.starts_with("http://"));
        for bad in [["--oidc-issuer", "tunnistus.example"], ["--public-url", "ftp://x"], ["--oidc-timeout", "0"]] {
            assert_eq!(parse(&bad).unwrap_err().kind(), ErrorKind::ValueValidation, "{bad:?}");
        }
        assert_eq!(parse(&["keys"]).unwrap().command, Command::Keys);
        assert_eq!(parse(&["demo-people"]).unwrap().command, Command::DemoPeople);
    }

    #[test]
    fn bad_arguments_are_named_and_help_lists_every_option() {
        assert_eq!(parse(&["--addr", "nonsense"]).unwrap_err().kind(), ErrorKind::ValueValidation);
        assert_eq!(parse(&["--bogus"]).unwrap_err().kind(), ErrorKind::UnknownArgument);
        assert_eq!(parse(&["--addr"]).unwrap_err().kind(), ErrorKind::InvalidValue);
        let help = parse(&["--help"]).unwrap_err();
        assert_eq!(help.kind(), ErrorKind::DisplayHelp);
        let text = help.to_string();
        for env in [
            "KANTA_DATABASE_URL",
            "KANTA_ADDR",
            "KANTA_DEMO",
            "KANTA_NO_MIGRATE",
            "KANTA_TRUSTED_PROXIES",
            "KANTA_OIDC_ISSUER",
            "KANTA_OIDC_CLIENT_ID",
            "KANTA_OIDC_SIGNING_KEY",
            "KANTA_OIDC_ENCRYPTION_KEY",
            "KANTA_OIDC_IDENTITY_CLAIM",
            "KANTA_PUBLIC_URL",
        ] {
            assert!(text.contains(env), "{env} in --help");
        }
    }
}
