//! Bad input never breaks it: a deterministic generator sends
//! thousands of malformed requests to every registered server function and
//! every page route through the real HTTP application, anonymously and as a
//! logged-in citizen. Every answer must be a 2xx, 3xx or 4xx (never a 5xx),
//! arrive (no dropped connection, no panic), show no internals, and write
//! nothing. `KANTA_FUZZ_REQUESTS` and `KANTA_FUZZ_SEED` change the run (the
//! bench script sends more); the seed is printed so a failure can be replayed.

use crate::test_app::TestApp;

/// A small, seeded generator (xorshift64*): the same seed, the same requests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Field names the forms use, and some they do not.
const FIELDS: &[&str] = &[
    "identity_code",
    "password",
    "version",
    "sector",
    "direction",
    "kind",
    "target",
    "emergency",
    "form_key",
    "subject",
    "id",
    "child",
    "locale",
    "section",
    "filter[register]",
    "filter[provider]",
    "filter[kind]",
    "filter[from]",
    "filter[to]",
    "filter[after]",
    "state",
    "provider",
    "from",
    "to",
    "viewer",
    "situation",
    "declaration",
    "denial",
    "back",
    "care",
    "end_of_life",
    "person_to_hear",
    "donate",
    "restriction",
    "message",
    "all",
    "countries",
    "acting_after",
    "date",
    "time",
    "systolic",
    "diastolic",
    "pulse",
    "value",
    "corrects",
    "filter",
    "x",
    "",
    "__proto__",
    "filter[[",
    "a[b][c][d]",
];

/// Odd values: control characters, other scripts, broken escapes, numbers
/// at the edges, things that look like other formats.
const VALUES: &[&str] = &[
    "",
    " ",
    "\0",
    "\u{7f}",
    "ä",
    "Åsa",
    "€",
    "😀",
    "\u{202e}",
    "\u{2066}",
    "\u{1b}[2J",
    "\u{c}",
    "\u{feff}",
    "</title><script>alert(1)</script>",
    "\"><meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:9/x\">",
    "%",
    "%zz",
    "%FF%FE",
    "%C3%28",
    "-1",
    "0",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "true",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "'; DROP TABLE declaration; --",
    "../../etc/passwd",
    "2023-11",
    "2099-13-45",
    "0000-00-00",
    "120385-9026",
    "120385-901",
    "Healthcare",
    "SocialWelfare",
    "En",
    "Fi",
    "Sv",
    "Xx",
    "service_event:",
    "provider:",
    "prescription:abc",
    "comprehensive",
    "uusimaa",
    "0123456789abcdef0123456789abcdef",
    "0123456789abcdef0123456789abcdeä",
    "0123456789abcdef0123456789abcde\u{e4}x",
    "hus:treatment",
    "blood_pressure",
    "blood_glucose",
    "142",
    "72,4",
    "7.30",
    "5.12.2026",
    "a=b&c=d",
    "\r\nSet-Cookie: x=1",
];

/// One malformed request: method, path, content type, body.
struct Malformed {
    method: reqwest::Method,
    path: String,
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

fn percent(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

fn field_value(rng: &mut Rng) -> Vec<u8> {
    match rng.below(6) {
        0 => (0..rng.below(40)).map(|_| rng.next() as u8).collect(), // any bytes
        1 => rng.pick(VALUES).repeat(1 + rng.below(3000)).into_bytes(), // long
        _ => rng.pick(VALUES).as_bytes().to_vec(),
    }
}

/// A urlencoded body of random fields; raw bytes, escaped bytes or both.
fn form_body(rng: &mut Rng) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..rng.below(6) {
        if i > 0 {
            body.push(b'&');
        }
        body.extend_from_slice(rng.pick(FIELDS).as_bytes());
        if rng.below(8) > 0 {
            body.push(b'=');
            let value = field_value(rng);
            if rng.below(2) == 0 {
                body.extend_from_slice(percent(&value).as_bytes());
            } else {
                body.extend_from_slice(&value);
            }
        }
    }
    body
}

fn generate(rng: &mut Rng, server_fns: &[String], pages: &[String]) -> Malformed {
    use reqwest::Method;
    const FORM: &str = "application/x-www-form-urlencoded";
    let fn_path = rng.pick(server_fns).clone();
    match rng.below(12) {
        // Form posts with odd, missing and extra fields.
        0..=3 => Malformed { method: Method::POST, path: fn_path, content_type: Some(FORM), body: form_body(rng) },
        // Not UTF-8 at all.
        4 => Malformed {
            method: Method::POST,
            path: fn_path,
            content_type: Some(FORM),
            body: [b"form_key=".as_slice(), &[0xff, 0xfe, 0xc3, 0x28, 0x80]].concat(),
        },
        // Wrong or missing content types.
        5 => Malformed {
            method: Method::POST,
            path: fn_path,
            content_type: *rng.pick(&[
                None,
                Some("text/plain"),
                Some("application/json"),
                Some("multipart/form-data; boundary=x"),
                Some("application/xml"),
                Some("\u{1}"),
            ]),
            body: if rng.below(2) == 0 { form_body(rng) } else { br#"{"sector":["x"],"id":{}}"#.to_vec() },
        },
        // Other methods.
        6 => Malformed {
            method: rng.pick(&[Method::GET, Method::PUT, Method::DELETE, Method::PATCH, Method::OPTIONS]).clone(),
            path: format!("{fn_path}?{}", String::from_utf8_lossy(&form_body(rng))),
            content_type: None,
            body: Vec::new(),
        },
        // Server functions that do not exist.
        7 => Malformed {
            method: Method::POST,
            path: format!("/api/{}", percent(&field_value(rng))),
            content_type: Some(FORM),
            body: form_body(rng),
        },
        // Pages with odd query strings and path segments.
        8..=10 => {
            let segment = percent(&field_value(rng));
            let page = rng.pick(pages).replace(":id", &segment).replace("{id}", &segment);
            Malformed {
                method: Method::GET,
                path: format!("{page}?{}", String::from_utf8_lossy(&form_body(rng))),
                content_type: None,
                body: Vec::new(),
            }
        }
        // Oversized bodies (rarely: they are slow to send).
        _ if rng.below(20) == 0 => Malformed {
            method: Method::POST,
            path: fn_path,
            content_type: Some(FORM),
            body: [b"form_key=".as_slice(), &vec![b'a'; 3 * 1024 * 1024]].concat(),
        },
        _ => Malformed { method: Method::POST, path: fn_path, content_type: Some(FORM), body: form_body(rng) },
    }
}

/// How many rows of each table that only a successful write can add.
async fn written(p: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in
        ["declaration", "notice_confirmation", "citizen_login", "professional_viewing", "wellbeing_measurement"]
    {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        counts.push(app::with_pool!(&p.pool, db => sqlx::query_scalar::<_, i64>(&sql).fetch_one(db).await).unwrap());
    }
    counts
}

/// Words that only internals would show.
const INTERNALS: &[&str] =
    &["panicked", "Could not find a server function", "register_explicit", "backtrace", "sqlx", "Internal"];

#[tokio::test]
async fn malformed_requests_to_every_server_function_and_page_answer_4xx_and_write_nothing() {
    let count: usize = std::env::var("KANTA_FUZZ_REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(2400);
    let seed: u64 = std::env::var("KANTA_FUZZ_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x4b61_6e74_6131);
    println!("fuzz: {count} requests, KANTA_FUZZ_SEED={seed}");
    let p = TestApp::spawn().await;
    let citizen = p.log_in(crate::test_app::MATTI).await;
    let anonymous = p.browser();
    let mut server_fns: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .filter(|path| !path.ends_with("/logout"))
        .collect();
    server_fns.sort();
    assert!(server_fns.len() >= 25, "every server function is registered: {server_fns:?}");
    let mut pages: Vec<String> = kanta_server::route_list().iter().map(|r| r.path().to_string()).collect();
    pages.sort();
    assert!(pages.len() >= 14, "every page: {pages:?}");
    let before = written(&p).await;

    let mut rng = Rng(seed | 1);
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for i in 0..count {
        let m = generate(&mut rng, &server_fns, &pages);
        let client = if i % 2 == 0 { &citizen } else { &anonymous };
        let url = format!("{}{}", p.base, m.path);
        let mut req = client.request(m.method.clone(), &url).body(m.body.clone());
        if let Some(ct) = m.content_type {
            req = req.header(reqwest::header::CONTENT_TYPE, ct);
        }
        let sent = tokio::time::timeout(std::time::Duration::from_secs(20), req.send()).await;
        let Ok(sent) = sent else {
            panic!(
                "request {i} ({} {}, {:?}, {} bytes) got no answer in 20 s",
                m.method,
                m.path,
                m.content_type,
                m.body.len()
            )
        };
        let res = match sent {
            Ok(res) => res,
            // A request URL reqwest itself refuses never reached the server.
            Err(e) if e.is_builder() => continue,
            Err(e) => panic!("request {i} ({} {}) got no answer: {e}", m.method, m.path),
        };
        let status = res.status().as_u16();
        let body = res.text().await.unwrap_or_default();
        *statuses.entry(status).or_default() += 1;
        assert!(
            status < 500,
            "request {i}: {} {} ({:?}, {} bytes) answered {status}: {body:.300}",
            m.method,
            m.path,
            m.content_type,
            m.body.len()
        );
        // Whatever the path or query held, it never becomes markup in <head>.
        if let Some(head) = body.split("</head>").next().filter(|_| body.contains("</head>")) {
            assert!(
                !head.contains("<script>alert") && !head.contains("<meta http-equiv"),
                "request {i}: {} {} wrote markup into <head>: {head:.300}",
                m.method,
                m.path
            );
        }
        if status >= 400 {
            for word in INTERNALS {
                assert!(
                    !body.contains(word),
                    "request {i}: {} {} shows internals ({word}): {body:.300}",
                    m.method,
                    m.path
                );
            }
        }
    }
    println!("fuzz: statuses {statuses:?}");
    assert_eq!(written(&p).await, before, "malformed requests wrote nothing");
    // Still serving, and the citizen's session still works.
    let (status, _) = citizen.call("front_page", &[("locale", "En")]).await;
    assert_eq!(status, 200);
}
