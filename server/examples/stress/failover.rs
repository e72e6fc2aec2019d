//! The failover driver (`scripts/failover-test.sh`): citizens write
//! declarations and load pages through every portal instance while the
//! database's leader dies, and every answer is kept with its time, so the
//! run can say how long writes stopped, what citizens were answered
//! meanwhile, whether their sessions lived, and whether every acknowledged
//! declaration is in the database exactly once.
//!
//! A declaration that gets no 200 is sent again with the same form key (the
//! idempotency key) until it does: a write in flight when the leader died is
//! either acknowledged and kept, or refused and sent again, never kept twice.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::server::Db;

use super::{log_in_all, verify, Citizen};

/// An answer a citizen got: when (since the start), what kind, its status
/// (0: no answer), how long it took, and what it said when it was not 2xx.
struct Answer {
    at: f64,
    write: bool,
    status: u16,
    seconds: f64,
    said: String,
}

/// A request taking longer than this counts as a hang.
const HANG_SECONDS: f64 = 10.0;
/// How long a refused write waits before it is sent again.
const RETRY_AFTER: Duration = Duration::from_millis(250);

/// Runs for `time`; prints the figures and a RESULT line; fails when a
/// target is missed (see `scripts/failover-test.sh` for the targets).
pub async fn failover(
    db: &Db,
    bases: &[String],
    codes: Vec<String>,
    time: Duration,
    max_gap: f64,
) -> Result<(), String> {
    // The citizens are spread over the instances: a session is in the
    // database, so either instance serves it.
    let mut citizens = Vec::new();
    for (i, base) in bases.iter().enumerate() {
        let share: Vec<String> = codes.iter().skip(i).step_by(bases.len()).cloned().collect();
        citizens.extend(log_in_all(base, share).await?);
    }
    let answers: Arc<Mutex<Vec<Answer>>> = Arc::default();
    let acknowledged: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let started = Instant::now();
    let deadline = started + time;
    let workers = citizens.into_iter().map(|citizen| {
        let (answers, acknowledged) = (answers.clone(), acknowledged.clone());
        tokio::spawn(async move { drive(citizen, started, deadline, answers, acknowledged).await })
    });
    for worker in workers.collect::<Vec<_>>() {
        worker.await.map_err(|e| e.to_string())?;
    }
    let answers = std::mem::take(&mut *answers.lock().unwrap());
    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    report(db, &answers, &acknowledged, time.as_secs_f64(), max_gap).await
}

/// One citizen: a page, then a declaration (sent again until acknowledged), until the deadline.
async fn drive(
    citizen: Citizen,
    started: Instant,
    deadline: Instant,
    answers: Arc<Mutex<Vec<Answer>>>,
    acknowledged: Arc<Mutex<Vec<(String, String)>>>,
) {
    let keep = |write: bool, at: Instant, outcome: &Result<(u16, String), String>| {
        let (status, said) = match outcome {
            Ok((status, body)) => (*status, if (200..300).contains(status) { String::new() } else { said(body) }),
            Err(e) => (0, e.clone()),
        };
        let answer = Answer {
            at: at.duration_since(started).as_secs_f64(),
            write,
            status,
            seconds: at.elapsed().as_secs_f64(),
            said,
        };
        answers.lock().unwrap().push(answer);
    };
    let mut page_key = None;
    let mut n = 1u64;
    while Instant::now() < deadline {
        let at = Instant::now();
        let page = citizen.get("/").await;
        keep(false, at, &page);
        let Some(key) = &page_key else {
            let at = Instant::now();
            let got = citizen.page_key().await;
            keep(false, at, &got.clone().map(|k| (200, k)));
            page_key = got.ok();
            continue;
        };
        let at = Instant::now();
        let outcome = citizen.declare(key, n).await;
        let form_key = outcome.as_ref().ok().map(|(_, _, k)| k.clone());
        let outcome = outcome.map(|(status, body, _)| (status, body));
        keep(true, at, &outcome);
        if matches!(outcome, Ok((200, _))) {
            acknowledged.lock().unwrap().push((citizen.code.clone(), form_key.unwrap_or_default()));
            n += 1;
        } else {
            // The same n again: the same form key, so a write the database
            // kept before the answer was lost is not kept twice.
            tokio::time::sleep(RETRY_AFTER).await;
        }
    }
}

/// What a refusal said, in short: the typed error of a server function, or
/// the title of an HTML page.
fn said(body: &str) -> String {
    let title = body.split("<title>").nth(1).and_then(|t| t.split("</title>").next());
    title.unwrap_or(body).chars().take(80).collect()
}

async fn report(
    db: &Db,
    answers: &[Answer],
    acknowledged: &[(String, String)],
    seconds: f64,
    max_gap: f64,
) -> Result<(), String> {
    let mut writes: Vec<f64> =
        answers.iter().filter(|a| a.write && a.status == 200).map(|a| a.at + a.seconds).collect();
    writes.sort_by(f64::total_cmp);
    // The longest time without an acknowledged write, the run's ends included.
    let edges = std::iter::once(0.0).chain(writes.iter().copied()).chain(std::iter::once(seconds));
    let points: Vec<f64> = edges.collect();
    let (gap, from) =
        points.windows(2).map(|w| (w[1] - w[0], w[0])).fold((0.0, 0.0), |best, g| if g.0 > best.0 { g } else { best });
    let not_ok: Vec<&Answer> = answers.iter().filter(|a| !(200..300).contains(&a.status)).collect();
    let (mut unavailable, mut server_errors, mut lost_sessions, mut no_answer, mut others) = (0, 0, 0, 0, 0);
    for a in &not_ok {
        match a.status {
            503 => unavailable += 1,
            500.. => server_errors += 1,
            401 => lost_sessions += 1,
            0 => no_answer += 1,
            _ => others += 1,
        }
    }
    let hangs = answers.iter().filter(|a| a.seconds > HANG_SECONDS).count();
    let slowest = answers.iter().map(|a| a.seconds).fold(0.0, f64::max);
    println!("{} answers in {seconds:.0} s: {} writes acknowledged", answers.len(), writes.len());
    println!("  longest time without an acknowledged write: {gap:.1} s (from {from:.1} s; target <= {max_gap:.0} s)");
    println!("  answers other than 2xx: {} (503 {unavailable}, other 5xx {server_errors}, 401 {lost_sessions}, no answer {no_answer}, other {others})", not_ok.len());
    println!("  slowest answer: {slowest:.1} s; longer than {HANG_SECONDS:.0} s: {hangs}");
    let mut kinds: Vec<(u16, &str)> = not_ok.iter().map(|a| (a.status, a.said.as_str())).collect();
    kinds.sort();
    kinds.dedup();
    for (status, said) in kinds.iter().take(8) {
        println!("  answered {status}: {said}");
    }
    let (found, missing, duplicated) = verify(db, acknowledged).await?;
    println!(
        "RESULT\tacknowledged {}\tfound once {found}\tmissing {missing}\tduplicated {duplicated}\tgap {gap:.1}\t503 {unavailable}\tother-5xx {server_errors}\tlost-sessions {lost_sessions}\tno-answer {no_answer}\thangs {hangs}",
        acknowledged.len()
    );
    let met = missing == 0
        && duplicated == 0
        && found > 0
        && gap <= max_gap
        && server_errors == 0
        && lost_sessions == 0
        && no_answer == 0
        && others == 0
        && hangs == 0;
    if met {
        Ok(())
    } else {
        Err("a failover target was missed (see the figures above)".into())
    }
}
