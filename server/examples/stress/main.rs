//! Load, crash and failover drivers for a running portal, used by
//! `scripts/bench-load.sh`, `scripts/crash-test.sh` and
//! `scripts/failover-test.sh`. Loopback only, bounded.
//!
//! ```text
//! stress load  --base URL --database-url URL --sessions N --seconds T [--skip K]
//! stress write --base URL --database-url URL --sessions N --log FILE [--skip K]
//! stress check --database-url URL --log FILE
//! stress failover --bases URL,URL --database-url URL --sessions N --seconds T --max-gap S [--skip K]
//! ```
//!
//! Each virtual citizen is one synthetic citizen (`kanta-server generate
//! --with-password`), logged in once in its own session (its own cookies),
//! so its writes never conflict with another's. `load` mixes pages and
//! declarations until the time is up, then checks that every acknowledged
//! declaration is in the database exactly once; any answer but 2xx, and any
//! request without an answer, is an error. `write` only declares, appending
//! each acknowledged declaration (identity code, form key) to the log,
//! until the server stops answering (it is killed). `check` reads the log
//! and the database: every acknowledged declaration is there exactly once.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::server::Db;

mod failover;

const PASSWORD: &str = "kanta-demo";

#[derive(Default)]
struct Tally {
    /// Latencies in ms by kind of request ("page", "read", "write").
    latencies: HashMap<&'static str, Vec<f64>>,
    errors: Vec<String>,
    /// Acknowledged declarations: (identity code, form key).
    acknowledged: Vec<(String, String)>,
}

struct Citizen {
    code: String,
    client: reqwest::Client,
    base: String,
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn number(args: &[String], name: &str, default: u64) -> u64 {
    arg(args, name).map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name} needs a number")))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().cloned().unwrap_or_default();
    let database_url = arg(&args, "--database-url").expect("--database-url");
    let db = if database_url.starts_with("postgres") {
        Db::Postgres(sqlx::PgPool::connect(&database_url).await.expect("connect to the database"))
    } else {
        Db::Sqlite(sqlx::SqlitePool::connect(&database_url).await.expect("open the database"))
    };
    let result = match mode.as_str() {
        "load" | "write" => {
            let base = arg(&args, "--base").expect("--base");
            assert!(base.starts_with("http://127.0.0.1:"), "loopback only");
            let sessions = number(&args, "--sessions", 200);
            let codes = synthetic_codes(&db, number(&args, "--skip", 0), sessions).await;
            if mode == "load" {
                load(&db, &base, codes, Duration::from_secs(number(&args, "--seconds", 60))).await
            } else {
                write(&base, codes, &arg(&args, "--log").expect("--log")).await
            }
        }
        "check" => check(&db, &arg(&args, "--log").expect("--log")).await,
        "failover" => {
            let bases: Vec<String> = arg(&args, "--bases").expect("--bases").split(',').map(str::to_string).collect();
            assert!(bases.iter().all(|b| b.starts_with("http://127.0.0.1:")), "loopback only");
            let codes = synthetic_codes(&db, number(&args, "--skip", 0), number(&args, "--sessions", 24)).await;
            let time = Duration::from_secs(number(&args, "--seconds", 40));
            failover::failover(&db, &bases, codes, time, number(&args, "--max-gap", 30) as f64).await
        }
        _ => Err("usage: stress load|write|check|failover … (see the file's comment)".to_string()),
    };
    if let Err(e) = result {
        eprintln!("stress: {e}");
        std::process::exit(1);
    }
}

async fn synthetic_codes(db: &Db, skip: u64, n: u64) -> Vec<String> {
    let codes: Vec<String> = app::with_pool!(db, p => sqlx::query_scalar(
        "SELECT identity_code FROM citizen WHERE first_name = 'Testi' AND password_hash IS NOT NULL \
         ORDER BY id LIMIT $1 OFFSET $2",
    )
    .bind(n as i64)
    .bind(skip as i64)
    .fetch_all(p)
    .await)
    .expect("read the synthetic citizens");
    assert_eq!(codes.len() as u64, n, "run `kanta-server generate --with-password` for {} citizens", skip + n);
    codes
}

impl Citizen {
    /// Logs in, and confirms the notice if it is due.
    async fn login(base: String, code: String) -> Result<Citizen, String> {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let citizen = Citizen { code, client, base };
        let (status, body) = citizen.post("login", &[("identity_code", &citizen.code), ("password", PASSWORD)]).await?;
        if status != 200 {
            return Err(format!("login of {}: {status} {body}", citizen.code));
        }
        if body.contains("/notice") {
            let page = citizen.get("/notice").await?.1;
            let version = page
                .split("name=\"version\" value=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .ok_or("no notice version on the notice page")?
                .to_string();
            let (status, body) = citizen.post("confirm_notice", &[("version", &version)]).await?;
            if status != 200 {
                return Err(format!("notice of {}: {status} {body}", citizen.code));
            }
        }
        Ok(citizen)
    }

    async fn post(&self, function: &str, form: &[(&str, &str)]) -> Result<(u16, String), String> {
        let res = self.client.post(format!("{}/api/{function}", self.base)).form(form).send().await;
        let res = res.map_err(|e| format!("{function}: no answer: {e}"))?;
        let status = res.status().as_u16();
        Ok((status, res.text().await.map_err(|e| format!("{function}: body: {e}"))?))
    }

    async fn get(&self, path: &str) -> Result<(u16, String), String> {
        let res = self.client.get(format!("{}{path}", self.base)).send().await;
        let res = res.map_err(|e| format!("GET {path}: no answer: {e}"))?;
        let status = res.status().as_u16();
        Ok((status, res.text().await.map_err(|e| format!("GET {path}: body: {e}"))?))
    }

    /// The Management of Data Use page's form key for this session.
    async fn page_key(&self) -> Result<String, String> {
        let (status, body) = self.post("data_use_page", &[("locale", "En")]).await?;
        let page: serde_json::Value = serde_json::from_str(&body).map_err(|_| format!("data_use_page: {status}"))?;
        page["form_key"].as_str().map(str::to_string).ok_or_else(|| format!("data_use_page: {status} {body}"))
    }

    /// The n-th declaration of this session: consent given (odd n) or withdrawn.
    async fn declare(&self, page_key: &str, n: u64) -> Result<(u16, String, String), String> {
        let key = format!("{page_key}-{n}");
        let function = if n % 2 == 1 { "give_consent" } else { "withdraw_consent" };
        let (status, body) = self.post(function, &[("sector", "healthcare"), ("form_key", &key)]).await?;
        Ok((status, body, key))
    }
}

async fn log_in_all(base: &str, codes: Vec<String>) -> Result<Vec<Citizen>, String> {
    let started = Instant::now();
    let logins: Vec<_> = codes.into_iter().map(|code| tokio::spawn(Citizen::login(base.to_string(), code))).collect();
    let mut citizens = Vec::new();
    for login in logins {
        citizens.push(login.await.map_err(|e| e.to_string())??);
    }
    println!("logged in {} sessions in {:.1} s", citizens.len(), started.elapsed().as_secs_f64());
    Ok(citizens)
}

async fn load(db: &Db, base: &str, codes: Vec<String>, time: Duration) -> Result<(), String> {
    let citizens = log_in_all(base, codes).await?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let deadline = Instant::now() + time;
    let started = Instant::now();
    let workers = citizens.into_iter().map(|citizen| {
        let tally = tally.clone();
        tokio::spawn(async move {
            let record = |kind: &'static str, at: Instant, outcome: Result<(u16, String), String>, what: &str| {
                let ms = at.elapsed().as_secs_f64() * 1000.0;
                let mut t = tally.lock().unwrap();
                t.latencies.entry(kind).or_default().push(ms);
                match outcome {
                    Ok((status, _)) if (200..300).contains(&status) => true,
                    Ok((status, body)) => {
                        t.errors.push(format!("{what}: {status} {}", body.chars().take(200).collect::<String>()));
                        false
                    }
                    Err(e) => {
                        t.errors.push(e);
                        false
                    }
                }
            };
            let mut n = 0u64;
            let mut key = None;
            while Instant::now() < deadline {
                for path in ["/", "/records", "/data-use", "/data-use/preview", "/data-use/history"] {
                    let at = Instant::now();
                    record("page", at, citizen.get(path).await, path);
                }
                if key.is_none() {
                    let at = Instant::now();
                    let got = citizen.page_key().await;
                    record("read", at, got.clone().map(|k| (200, k)), "data_use_page");
                    key = got.ok();
                }
                let Some(page_key) = &key else { continue };
                for _ in 0..2 {
                    n += 1;
                    let at = Instant::now();
                    let outcome = citizen.declare(page_key, n).await;
                    let form_key = outcome.as_ref().ok().map(|(_, _, k)| k.clone());
                    if record("write", at, outcome.map(|(s, b, _)| (s, b)), "declaration") {
                        let acknowledged = (citizen.code.clone(), form_key.unwrap_or_default());
                        tally.lock().unwrap().acknowledged.push(acknowledged);
                    }
                }
            }
        })
    });
    for worker in workers.collect::<Vec<_>>() {
        worker.await.map_err(|e| e.to_string())?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let tally = std::mem::take(&mut *tally.lock().unwrap());
    let requests: usize = tally.latencies.values().map(Vec::len).sum();
    println!("{requests} requests in {elapsed:.1} s ({:.0} per second)", requests as f64 / elapsed);
    for (kind, mut ms) in tally.latencies {
        ms.sort_by(f64::total_cmp);
        let at = |q: f64| ms[((ms.len() as f64 * q) as usize).min(ms.len() - 1)];
        println!("  {kind:<6} {:>7} requests  p50 {:>7.1} ms  p99 {:>7.1} ms", ms.len(), at(0.5), at(0.99));
    }
    for e in tally.errors.iter().take(10) {
        println!("  error: {e}");
    }
    let (found, missing, duplicated) = verify(db, &tally.acknowledged).await?;
    println!(
        "RESULT\terrors {}\tacknowledged {}\tfound once {found}\tmissing {missing}\tduplicated {duplicated}",
        tally.errors.len(),
        tally.acknowledged.len()
    );
    if tally.errors.is_empty() && missing == 0 && duplicated == 0 && found > 0 {
        Ok(())
    } else {
        Err("errors, or acknowledged declarations not in the database exactly once".into())
    }
}

async fn write(base: &str, codes: Vec<String>, log: &str) -> Result<(), String> {
    let citizens = log_in_all(base, codes).await?;
    let log = Arc::new(Mutex::new(std::fs::File::create(log).map_err(|e| format!("{log}: {e}"))?));
    println!("writing until the server stops answering");
    let writers = citizens.into_iter().map(|citizen| {
        let log = log.clone();
        tokio::spawn(async move {
            let Ok(page_key) = citizen.page_key().await else { return (0, None) };
            let mut n = 0u64;
            loop {
                n += 1;
                match citizen.declare(&page_key, n).await {
                    Ok((200, _, key)) => {
                        let mut file = log.lock().unwrap();
                        writeln!(file, "{}\t{key}", citizen.code).expect("write the log");
                        file.flush().expect("flush the log");
                    }
                    Ok((status, body, _)) => return (n - 1, Some(format!("{status} {body}"))),
                    Err(_) => return (n - 1, None), // the server is gone
                }
            }
        })
    });
    let mut acknowledged = 0;
    for writer in writers.collect::<Vec<_>>() {
        let (n, error) = writer.await.map_err(|e| e.to_string())?;
        acknowledged += n;
        if let Some(e) = error {
            return Err(format!("a declaration was refused while the server ran: {e}"));
        }
    }
    println!("the server stopped answering after {acknowledged} acknowledged declarations");
    Ok(())
}

async fn check(db: &Db, log: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(log).map_err(|e| format!("{log}: {e}"))?;
    let acknowledged: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(code, key)| (code.to_string(), key.to_string()))
        .collect();
    let (found, missing, duplicated) = verify(db, &acknowledged).await?;
    println!(
        "RESULT\tacknowledged {}\tfound once {found}\tmissing {missing}\tduplicated {duplicated}",
        acknowledged.len()
    );
    if missing == 0 && duplicated == 0 && found > 0 {
        Ok(())
    } else {
        Err("acknowledged declarations not in the database exactly once".into())
    }
}

/// How many acknowledged declarations are in the database once, missing, or more than once.
async fn verify(db: &Db, acknowledged: &[(String, String)]) -> Result<(usize, usize, usize), String> {
    let mut by_citizen: HashMap<&str, Vec<&str>> = HashMap::new();
    for (code, key) in acknowledged {
        by_citizen.entry(code).or_default().push(key);
    }
    let (mut found, mut missing, mut duplicated) = (0, 0, 0);
    for (code, keys) in by_citizen {
        let stored: Vec<String> = app::with_pool!(db, p => sqlx::query_scalar(
            "SELECT d.idempotency_key FROM declaration d JOIN citizen c ON c.id = d.citizen_id \
             WHERE c.identity_code = $1 AND d.idempotency_key IS NOT NULL",
        )
        .bind(code)
        .fetch_all(p)
        .await)
        .map_err(|e| format!("read the declarations: {e}"))?;
        for key in keys {
            match stored.iter().filter(|s| s.as_str() == key).count() {
                0 => missing += 1,
                1 => found += 1,
                _ => duplicated += 1,
            }
        }
    }
    Ok((found, missing, duplicated))
}
