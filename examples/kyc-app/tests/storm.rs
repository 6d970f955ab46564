//! A webhook storm against the running app (its process, on a real SQLite
//! file): 10,000 deliveries at a concurrency of 32, signed by this test with
//! the server crate's `sign`, of which 10 % repeat an earlier delivery, 10 %
//! arrive after a newer event of the same inquiry, and 5 % are forged (another
//! secret) or stale (signed 1,000 s ago).
//!
//! It asserts only what must be true: every forged or stale delivery answered
//! 401 and none stored; every genuine one answered 2xx, never a 5xx; each event
//! stored once, and exactly the repeats answered `duplicate`; every person's
//! final status that of their newest event; the app never restarted. Its
//! throughput and latency are printed (and written to `KYC_STORM_BENCH_OUT`,
//! which `cargo xtask bench` reads), never asserted.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use leptos_persona_server::webhook::sign;
use leptos_persona_server::Secret;
use sqlx::Row;
use support::{Options, Stack};

const DELIVERIES: usize = 10_000;
const CONCURRENCY: usize = 32;
/// Events per person: created, started, completed, then the decision.
const EVENTS_PER_PERSON: usize = 4;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What a delivery is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    /// A genuine event, first sent.
    Genuine,
    /// A genuine event sent again (the same body).
    Repeat,
    /// Signed with another secret.
    Forged,
    /// Signed 1,000 s ago.
    Stale,
}

/// One delivery: its kind and its body.
struct Delivery {
    kind: Kind,
    event_id: String,
    body: String,
}

/// What came back for a delivery.
struct Answer {
    status: u16,
    body: String,
    micros: u64,
}

fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `n` with a comma between each group of three digits: `10,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A Persona event for `user`'s inquiry, created at second `at` of 2026-01-01.
fn event_body(id: &str, name: &str, at: usize, inquiry: &str, status: &str, user: &str) -> String {
    let (minutes, seconds) = (at / 60, at % 60);
    let (hours, minutes) = (minutes / 60, minutes % 60);
    serde_json::json!({"data": {"type": "event", "id": id, "attributes": {
        "name": name,
        "created-at": format!("2026-01-01T{hours:02}:{minutes:02}:{seconds:02}.000Z"),
        "payload": {"data": {"type": "inquiry", "id": inquiry,
            "attributes": {"status": status, "reference-id": user}}}}}})
    .to_string()
}

/// Signs in `count` people through the app's server function; their ids.
async fn sign_in_people(stack: &Stack, count: usize) -> Vec<String> {
    let url = format!("{}/api/sign_in", stack.app_url);
    for i in 0..count {
        let answer = stack
            .http()
            .post(&url)
            .form(&[("name", format!("Storm person {i}"))])
            .send()
            .await
            .unwrap_or_else(|e| panic!("signing in person {i}: {e}"));
        assert!(
            answer.status().is_success(),
            "signing in person {i}: {}",
            answer.status()
        );
    }
    let db = stack.db().await;
    let rows = sqlx::query("SELECT id, name FROM users")
        .fetch_all(&db)
        .await
        .unwrap_or_else(|e| panic!("reading users: {e}"));
    db.close().await;
    let by_name: HashMap<String, String> = rows
        .iter()
        .map(|r| (r.get::<String, _>("name"), r.get::<String, _>("id")))
        .collect();
    (0..count)
        .map(|i| {
            by_name
                .get(&format!("Storm person {i}"))
                .cloned()
                .unwrap_or_else(|| panic!("person {i} is not in the database"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator and the app: cargo xtask test runs it"]
async fn a_webhook_storm_leaves_every_person_in_their_newest_state() {
    let mut stack = Stack::start(Options {
        webhooks: false,
        ..Options::default()
    })
    .await;
    let repeats = DELIVERIES / 10;
    let bad = DELIVERIES / 20;
    let genuine = DELIVERIES - repeats - bad;
    let people = genuine / EVENTS_PER_PERSON;
    assert_eq!(people * EVENTS_PER_PERSON, genuine);
    let users = sign_in_people(&stack, people).await;

    // Every person's events, in the order they happened.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut expected: HashMap<String, &'static str> = HashMap::new();
    let mut per_person: Vec<Vec<Delivery>> = Vec::new();
    for (p, user) in users.iter().enumerate() {
        let inquiry = format!("inq_storm_{p:05}");
        let decision = if rng.below(2) == 0 {
            ("inquiry.approved", "approved")
        } else {
            ("inquiry.declined", "declined")
        };
        let steps = [
            ("inquiry.created", "created"),
            ("inquiry.started", "pending"),
            ("inquiry.completed", "completed"),
            decision,
        ];
        let events = steps
            .iter()
            .enumerate()
            .map(|(k, (name, status))| {
                let id = format!("evt_storm_{p:05}_{k}");
                Delivery {
                    kind: Kind::Genuine,
                    body: event_body(&id, name, p + k * 3600, &inquiry, status, user),
                    event_id: id,
                }
            })
            .collect();
        expected.insert(user.clone(), decision.1);
        per_person.push(events);
    }
    // 10 % out of order: a person's completion goes after their decision.
    let out_of_order = DELIVERIES / 10;
    for events in per_person.iter_mut().take(out_of_order) {
        events.swap(2, 3);
    }
    // In rounds (everyone's first event, then everyone's second…), so that the
    // concurrent senders mix people.
    let mut plan: Vec<Delivery> = Vec::with_capacity(DELIVERIES);
    for k in 0..EVENTS_PER_PERSON {
        for events in &per_person {
            let e = &events[k];
            plan.push(Delivery {
                kind: Kind::Genuine,
                event_id: e.event_id.clone(),
                body: e.body.clone(),
            });
        }
    }
    // 10 % repeats, each after its original; 5 % forged or stale, anywhere,
    // each a newer `failed` that would change its person's state if applied.
    for _ in 0..repeats {
        let original = rng.below(genuine);
        let copy = Delivery {
            kind: Kind::Repeat,
            event_id: plan[original].event_id.clone(),
            body: plan[original].body.clone(),
        };
        let at = original + 1 + rng.below(plan.len() - original);
        plan.insert(at, copy);
    }
    for i in 0..bad {
        let p = rng.below(people);
        let id = format!("evt_forged_{i:05}");
        let body = event_body(
            &id,
            "inquiry.failed",
            86_000,
            &format!("inq_storm_{p:05}"),
            "failed",
            &users[p],
        );
        let kind = if i % 2 == 0 {
            Kind::Forged
        } else {
            Kind::Stale
        };
        let at = rng.below(plan.len() + 1);
        plan.insert(
            at,
            Delivery {
                kind,
                event_id: id,
                body,
            },
        );
    }
    assert_eq!(plan.len(), DELIVERIES);

    // The storm.
    let plan = Arc::new(plan);
    let next = Arc::new(AtomicUsize::new(0));
    let secret = Secret::new(stack.webhook_secret.clone());
    let other = Secret::new("wbhsec_not_the_apps_secret");
    let url = format!("{}/webhooks/persona", stack.app_url);
    let started = Instant::now();
    let mut senders = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (plan, next, http, url) = (
            Arc::clone(&plan),
            Arc::clone(&next),
            stack.http().clone(),
            url.clone(),
        );
        let (secret, other) = (secret.clone(), other.clone());
        senders.spawn(async move {
            let mut answers = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(delivery) = plan.get(i) else { break };
                let header = match delivery.kind {
                    Kind::Forged => sign(&other, now_s(), delivery.body.as_bytes()),
                    Kind::Stale => sign(&secret, now_s() - 1000, delivery.body.as_bytes()),
                    Kind::Genuine | Kind::Repeat => {
                        sign(&secret, now_s(), delivery.body.as_bytes())
                    }
                };
                let sent = Instant::now();
                let response = http
                    .post(&url)
                    .header("Persona-Signature", header)
                    .header("Content-Type", "application/json")
                    .body(delivery.body.clone())
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("delivery {i}: {e}"));
                let status = response.status().as_u16();
                let body = response.text().await.unwrap_or_default();
                let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
                answers.push((
                    i,
                    Answer {
                        status,
                        body,
                        micros,
                    },
                ));
            }
            answers
        });
    }
    let mut answers: Vec<Option<Answer>> = (0..DELIVERIES).map(|_| None).collect();
    while let Some(done) = senders.join_next().await {
        for (i, answer) in done.unwrap_or_else(|e| panic!("a sender failed: {e}")) {
            answers[i] = Some(answer);
        }
    }
    let elapsed = started.elapsed();

    // What came back.
    let mut by_kind: HashMap<(Kind, u16), usize> = HashMap::new();
    let mut duplicates_answered = 0;
    let mut micros = Vec::with_capacity(DELIVERIES);
    for (delivery, answer) in plan.iter().zip(&answers) {
        let answer = answer
            .as_ref()
            .unwrap_or_else(|| panic!("{} was never sent", delivery.event_id));
        assert!(
            answer.status < 500,
            "{:?} {} was answered {}: {}",
            delivery.kind,
            delivery.event_id,
            answer.status,
            answer.body
        );
        match delivery.kind {
            Kind::Forged | Kind::Stale => assert_eq!(
                answer.status, 401,
                "{:?} {} was answered {}",
                delivery.kind, delivery.event_id, answer.status
            ),
            Kind::Genuine | Kind::Repeat => assert!(
                (200..300).contains(&answer.status),
                "{} was answered {}: {}",
                delivery.event_id,
                answer.status,
                answer.body
            ),
        }
        if answer.body == "duplicate" {
            duplicates_answered += 1;
        }
        *by_kind.entry((delivery.kind, answer.status)).or_default() += 1;
        micros.push(answer.micros);
    }
    assert_eq!(
        duplicates_answered, repeats,
        "each repeated delivery, and only those, is answered `duplicate`: {by_kind:?}"
    );

    // What the database holds.
    let db = stack.db().await;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events")
        .fetch_one(&db)
        .await
        .unwrap_or_else(|e| panic!("counting events: {e}"));
    let forged_stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events WHERE id LIKE 'evt_forged_%'")
            .fetch_one(&db)
            .await
            .unwrap_or_else(|e| panic!("counting forged events: {e}"));
    db.close().await;
    assert_eq!(forged_stored, 0, "forged or stale events were stored");
    assert_eq!(
        usize::try_from(stored).unwrap_or(0),
        genuine,
        "each genuine event is stored once"
    );
    let final_states = stack.users().await;
    let mut wrong = Vec::new();
    for (user, want) in &expected {
        let got = final_states.get(user).and_then(|(s, _, _)| s.clone());
        if got.as_deref() != Some(*want) {
            wrong.push(format!("{user}: {got:?}, not {want}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} people are not in their newest state: {:?}",
        wrong.len(),
        expected.len(),
        &wrong[..wrong.len().min(10)]
    );
    let outcomes = stack.event_outcomes().await;
    let stale = outcomes.get("stale").copied().unwrap_or(0);
    let applied = outcomes.get("applied").copied().unwrap_or(0);
    assert!(
        usize::try_from(applied).unwrap_or(usize::MAX) <= genuine,
        "more applications than genuine events: {outcomes:?}"
    );
    assert!(
        usize::try_from(stale).unwrap_or(0) >= out_of_order,
        "every late completion is stale: {outcomes:?}"
    );
    assert!(stack.app().is_running(), "the app stopped during the storm");

    micros.sort_unstable();
    let percentile =
        |p: usize| micros[(micros.len() * p / 100).min(micros.len() - 1)] as f64 / 1000.0;
    let per_second = (DELIVERIES as f64 / elapsed.as_secs_f64()).round() as u64;
    let line = format!(
        "kyc-app webhook storm: {} deliveries @{CONCURRENCY}: {}/s, p50 {:.1} ms, p99 {:.1} ms",
        thousands(DELIVERIES as u64),
        thousands(per_second),
        percentile(50),
        percentile(99)
    );
    println!("{line}; answers by kind and status: {by_kind:?}; outcomes: {outcomes:?}");
    if let Some(out) = std::env::var_os("KYC_STORM_BENCH_OUT") {
        std::fs::write(&out, format!("{line}\n"))
            .unwrap_or_else(|e| panic!("writing {out:?}: {e}"));
    }
}
