//! Configuration from flags or environment variables (flags win).
//!
//! | flag               | environment            | default                                  |
//! |--------------------|------------------------|------------------------------------------|
//! | `--database-url`   | `KANTA_DATABASE_URL`   | `sqlite://<data dir>/kanta.sqlite`       |
//! | `--data-dir`       | `KANTA_DATA_DIR`       | `data`                                   |
//! | `--addr`           | `KANTA_ADDR`           | `127.0.0.1:3000`                         |
//! | `--site-root`      | `KANTA_SITE_ROOT`      | `target/site`                            |
//! | `--demo`           | `KANTA_DEMO=1`         | off                                      |
//! | `--seed`           | `KANTA_SEED=1`         | off (serve: seed the demo people first)  |
//! | `--secure-cookies` | `KANTA_SECURE_COOKIES=1` | off (turn on behind TLS)               |
//! | `--log-level`      | `KANTA_LOG`            | `info,sqlx=warn`                         |
//! | `--no-migrate`     | `KANTA_NO_MIGRATE=1`   | off (serve as a role that owns nothing)  |
//! | `--app-role`       | `KANTA_APP_ROLE`       | none (migrate: grant this role its rights)|
//! | `--trusted-proxies`| `KANTA_TRUSTED_PROXIES`| none (IPs whose X-Forwarded-For counts)  |

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    Seed,
    /// Synthetic data for benchmarks: (citizens, entries per citizen).
    Generate(u64, u64),
    Help,
}

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
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

pub const USAGE: &str = "\
usage: kanta-server [serve|migrate|seed|help] [options]

  serve      migrate the database and serve the portal (the default)
  migrate    create or migrate the database, then exit
  seed       migrate, create the demo people if they are missing, then exit
  generate --citizens N --entries M [--with-password]
             migrate, add N synthetic citizens with M entries each (benchmarks;
             with the demo password for load tests)

options (each also from an environment variable):
  --database-url URL   KANTA_DATABASE_URL    default sqlite://DATA_DIR/kanta.sqlite
  --data-dir DIR       KANTA_DATA_DIR        default data
  --addr HOST:PORT     KANTA_ADDR            default 127.0.0.1:3000
  --site-root DIR      KANTA_SITE_ROOT       default target/site (the leptos metadata's site-root)
  --demo               KANTA_DEMO=1          show the demo logins on the login page
  --seed               KANTA_SEED=1          serve: seed the demo people first
  --secure-cookies     KANTA_SECURE_COOKIES=1  mark the session cookie Secure (TLS)
  --log-level LEVEL    KANTA_LOG             default info,sqlx=warn (a tracing filter)
  --idle-timeout MINUTES
                       KANTA_IDLE_TIMEOUT    default 30: a session ends after this long without a request
  --session-lifetime HOURS
                       KANTA_SESSION_LIFETIME  default 12: and this long after its login
  --cross-sector-opens YYYY-MM-DD
                       KANTA_CROSS_SECTOR_OPENS  default 2027-03-01 (Helsinki midnight)
  --no-migrate         KANTA_NO_MIGRATE=1    serve/seed: do not migrate, only check the schema is
                                             up to date (run as a role that owns no table)
  --app-role ROLE      KANTA_APP_ROLE        migrate (PostgreSQL): grant ROLE what the server
                                             needs: read, append, keep sessions; nothing else
  --trusted-proxies IP[,IP…]
                       KANTA_TRUSTED_PROXIES  reverse proxies whose X-Forwarded-For names the
                                             client (audit log, login throttling); default none
";

fn env_flag(name: &str) -> bool {
    std::env::var(name).map(|v| matches!(v.as_str(), "1" | "true" | "yes" | "on")).unwrap_or(false)
}

impl Config {
    pub fn from_args_and_env(args: impl IntoIterator<Item = String>) -> Result<Self, String> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let mut command = None;
        let mut database_url = env("KANTA_DATABASE_URL");
        let mut data_dir = env("KANTA_DATA_DIR").unwrap_or_else(|| "data".into());
        let mut addr = env("KANTA_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let mut site_root = env("KANTA_SITE_ROOT").unwrap_or_else(|| env!("KANTA_SITE_ROOT_DEFAULT").into());
        let mut demo = env_flag("KANTA_DEMO");
        let mut seed = env_flag("KANTA_SEED");
        let mut secure_cookies = env_flag("KANTA_SECURE_COOKIES");
        let mut log_level = env("KANTA_LOG").unwrap_or_else(|| "info,sqlx=warn".into());
        let mut opens = env("KANTA_CROSS_SECTOR_OPENS").unwrap_or_else(|| "2027-03-01".into());
        let mut idle = env("KANTA_IDLE_TIMEOUT").unwrap_or_else(|| "30".into());
        let mut lifetime = env("KANTA_SESSION_LIFETIME").unwrap_or_else(|| "12".into());

        let mut migrate = !env_flag("KANTA_NO_MIGRATE");
        let mut app_role = env("KANTA_APP_ROLE");
        let mut with_password = false;
        let mut proxies = env("KANTA_TRUSTED_PROXIES").unwrap_or_default();
        let (mut citizens, mut entries) = (None, None);
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "serve" if command.is_none() => command = Some(Command::Serve),
                "migrate" if command.is_none() => command = Some(Command::Migrate),
                "seed" if command.is_none() => command = Some(Command::Seed),
                "generate" if command.is_none() => command = Some(Command::Generate(0, 0)),
                "--citizens" => {
                    citizens = Some(value("--citizens")?.parse::<u64>().map_err(|_| "--citizens needs a number")?)
                }
                "--entries" => {
                    entries = Some(value("--entries")?.parse::<u64>().map_err(|_| "--entries needs a number")?)
                }
                "help" | "--help" | "-h" => command = Some(Command::Help),
                "--database-url" => database_url = Some(value("--database-url")?),
                "--data-dir" => data_dir = value("--data-dir")?,
                "--addr" => addr = value("--addr")?,
                "--site-root" => site_root = value("--site-root")?,
                "--log-level" => log_level = value("--log-level")?,
                "--cross-sector-opens" => opens = value("--cross-sector-opens")?,
                "--idle-timeout" => idle = value("--idle-timeout")?,
                "--session-lifetime" => lifetime = value("--session-lifetime")?,
                "--no-migrate" => migrate = false,
                "--app-role" => app_role = Some(value("--app-role")?),
                "--with-password" => with_password = true,
                "--trusted-proxies" => proxies = value("--trusted-proxies")?,
                "--demo" => demo = true,
                "--seed" => seed = true,
                "--secure-cookies" => secure_cookies = true,
                other => return Err(format!("unknown argument {other:?} (see kanta-server help)")),
            }
        }
        if let Some(Command::Generate(..)) = command {
            command = Some(Command::Generate(citizens.unwrap_or(1000), entries.unwrap_or(100)));
        }
        let data_dir = PathBuf::from(data_dir);
        let database_url = database_url.unwrap_or_else(|| format!("sqlite://{}/kanta.sqlite", data_dir.display()));
        let addr = addr.parse().map_err(|_| format!("the listen address {addr:?} is not HOST:PORT"))?;
        let opens_on = app::api::filters::parse_iso_date(&opens)
            .ok_or_else(|| format!("the cross-sector opening date {opens:?} is not YYYY-MM-DD"))?;
        let cross_sector_opens = app::domain::time::helsinki_midnight(opens_on);
        let positive = |text: &str, what: &str, unit: u64| {
            text.parse::<u64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .map(|n| std::time::Duration::from_secs(n * unit))
                .ok_or_else(|| format!("the {what} {text:?} is not a whole number from 1 to 10000"))
        };
        let trusted_proxies = proxies
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().map_err(|_| format!("the trusted proxy {p:?} is not an IP address")))
            .collect::<Result<Vec<std::net::IpAddr>, String>>()?;
        let idle_timeout = positive(&idle, "idle timeout in minutes", 60)?;
        let session_lifetime = positive(&lifetime, "session lifetime in hours", 3600)?;
        Ok(Config {
            idle_timeout,
            session_lifetime,
            cross_sector_opens,
            migrate: migrate || command == Some(Command::Migrate),
            app_role,
            with_password,
            trusted_proxies,
            command: command.unwrap_or(Command::Serve),
            database_url,
            addr,
            site_root,
            demo,
            seed,
            secure_cookies,
            log_level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, String> {
        Config::from_args_and_env(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_cross_sector_opening_date_is_helsinki_midnight_and_checked() {
        let c = parse(&["--cross-sector-opens", "2025-01-15"]).unwrap();
        assert_eq!(c.cross_sector_opens.to_rfc3339(), "2025-01-14T22:00:00+00:00");
        let default = parse(&[]).unwrap();
        assert_eq!(default.cross_sector_opens.to_rfc3339(), "2027-02-28T22:00:00+00:00");
        let e = parse(&["--cross-sector-opens", "1.3.2027"]).unwrap_err();
        assert!(e.contains("is not YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn session_lifetimes_default_to_30_minutes_and_12_hours_and_are_checked() {
        let default = parse(&[]).unwrap();
        assert_eq!((default.idle_timeout.as_secs(), default.session_lifetime.as_secs()), (30 * 60, 12 * 3600));
        let c = parse(&["--idle-timeout", "5", "--session-lifetime", "2"]).unwrap();
        assert!(c.migrate && c.app_role.is_none() && !c.with_password);
        assert_eq!((c.idle_timeout.as_secs(), c.session_lifetime.as_secs()), (300, 7200));
        for bad in [["--idle-timeout", "0"], ["--idle-timeout", "ten"], ["--session-lifetime", "-1"]] {
            let e = parse(&bad).unwrap_err();
            assert!(e.contains("is not a whole number from 1 to 10000"), "{e}");
        }
    }

    #[test]
    fn flags_set_the_command_and_options() {
        let c = parse(&["seed", "--addr", "127.0.0.1:4010", "--data-dir", "/tmp/x", "--demo"]).unwrap();
        assert_eq!(c.command, Command::Seed);
        assert_eq!(c.addr.port(), 4010);
        assert!(c.demo);
        assert!(
            c.database_url.starts_with("sqlite:///tmp/x/kanta.sqlite") || std::env::var("KANTA_DATABASE_URL").is_ok()
        );
    }

    #[test]
    fn a_server_that_owns_nothing_does_not_migrate_but_migrate_always_does() {
        let serve = parse(&["serve", "--no-migrate"]).unwrap();
        assert!(!serve.migrate);
        let migrate = parse(&["migrate", "--no-migrate", "--app-role", "kanta_app"]).unwrap();
        assert!(migrate.migrate);
        assert_eq!(migrate.app_role.as_deref(), Some("kanta_app"));
        assert!(parse(&["generate", "--with-password"]).unwrap().with_password);
        let behind = parse(&["--trusted-proxies", "10.0.0.1, ::1"]).unwrap();
        assert_eq!(behind.trusted_proxies, ["10.0.0.1".parse::<std::net::IpAddr>().unwrap(), "::1".parse().unwrap()]);
        assert!(parse(&["--trusted-proxies", "proxy.example"]).unwrap_err().contains("not an IP address"));
    }

    #[test]
    fn bad_arguments_are_one_clear_line() {
        assert!(parse(&["--addr", "nonsense"]).unwrap_err().contains("HOST:PORT"));
        assert!(parse(&["--bogus"]).unwrap_err().contains("unknown argument"));
        assert!(parse(&["--addr"]).unwrap_err().contains("needs a value"));
    }
}
