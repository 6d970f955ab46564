//! What nobody else can make the app do, against the running app and simulator:
//!
//! - a webhook signed with another secret, a replay older than the tolerance,
//!   a delivery with no signature and one over 1 MiB are refused and stored
//!   nowhere; a genuine replay within the tolerance is answered and changes
//!   nothing;
//! - the server functions act for the signed-in person only: another person's
//!   reference id or inquiry id sent along is ignored, and a missing or
//!   altered session cookie is "not signed in".

mod support;

use std::time::{SystemTime, UNIX_EPOCH};

use leptos_persona_server::webhook::sign;
use leptos_persona_server::Secret;
use persona_kyc_app::model::KycError;
use serde_json::Value;
use support::{Options, Stack};

fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// How many stored events have this id.
async fn stored(stack: &Stack, id: &str) -> i64 {
    let db = stack.db().await;
    let n = sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events WHERE id = ?1")
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap_or_else(|e| panic!("counting {id}: {e}"));
    db.close().await;
    n
}

/// The signed-in person's id, from the database, by name.
async fn user_id(stack: &Stack, name: &str) -> String {
    let db = stack.db().await;
    let id = sqlx::query_scalar("SELECT id FROM users WHERE name = ?1")
        .bind(name)
        .fetch_one(&db)
        .await
        .unwrap_or_else(|e| panic!("{name}'s id: {e}"));
    db.close().await;
    id
}

fn event(id: &str, name: &str, status: &str, user: &str) -> String {
    serde_json::json!({"data": {"type": "event", "id": id, "attributes": {
        "name": name, "created-at": "2026-01-01T00:00:01.000Z",
        "payload": {"data": {"type": "inquiry", "id": "inq_security_1",
            "attributes": {"status": status, "reference-id": user}}}}}})
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator and the app: cargo xtask test runs it"]
async fn only_persona_signed_fresh_deliveries_are_stored() {
    let stack = Stack::start(Options {
        webhooks: false,
        ..Options::default()
    })
    .await;
    stack.sign_in("Mallory's target").await;
    let user = user_id(&stack, "Mallory's target").await;
    let secret = Secret::new(stack.webhook_secret.clone());

    // Signed with another secret: valid, for somebody else.
    let body = event("evt_other_secret", "inquiry.approved", "approved", &user);
    let header = sign(
        &Secret::new("wbhsec_someone_elses"),
        now_s(),
        body.as_bytes(),
    );
    assert_eq!(stack.deliver(&body, Some(&header)).await.0, 401);
    assert_eq!(stored(&stack, "evt_other_secret").await, 0);

    // Older than the tolerance (300 s), or from the future.
    let body = event("evt_replayed", "inquiry.approved", "approved", &user);
    for t in [now_s() - 1000, now_s() - 301, now_s() + 1000] {
        let header = sign(&secret, t, body.as_bytes());
        assert_eq!(stack.deliver(&body, Some(&header)).await.0, 401, "t = {t}");
    }
    assert_eq!(stored(&stack, "evt_replayed").await, 0);

    // No signature, a garbled one, a body over 1 MiB: refused, not stored.
    let (status, _) = stack.deliver(&body, None).await;
    assert!(matches!(status, 400 | 401), "no signature: {status}");
    let (status, _) = stack.deliver(&body, Some("t=1,v1=zz")).await;
    assert!(matches!(status, 400 | 401), "a garbled signature: {status}");
    let big = format!(
        "{}{}",
        &body[..body.len() - 1],
        " ".repeat(1024 * 1024) + "}"
    );
    let header = sign(&secret, now_s(), big.as_bytes());
    assert_eq!(stack.deliver(&big, Some(&header)).await.0, 413);
    assert_eq!(stored(&stack, "evt_replayed").await, 0);
    let users = stack.users().await;
    assert_eq!(
        users[&user].0, None,
        "a refused delivery changed the status"
    );

    // The same body, genuinely signed now: stored once; a replay of it with a
    // fresh signature is answered but changes nothing.
    let header = sign(&secret, now_s(), body.as_bytes());
    assert_eq!(
        stack.deliver(&body, Some(&header)).await,
        (200, "applied".into())
    );
    let header = sign(&secret, now_s(), body.as_bytes());
    assert_eq!(
        stack.deliver(&body, Some(&header)).await,
        (200, "duplicate".into())
    );
    assert_eq!(stored(&stack, "evt_replayed").await, 1);
    assert_eq!(stack.users().await[&user].0.as_deref(), Some("approved"));
}

/// The inquiry id in a `start_verification` answer.
fn inquiry_of(answer: &Value) -> String {
    answer["Flow"]["inquiry_id"]
        .as_str()
        .unwrap_or_else(|| panic!("not a flow: {answer}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator and the app: cargo xtask test runs it"]
async fn a_person_can_only_reach_their_own_inquiry() {
    let stack = Stack::start(Options::default()).await;
    let alice = stack.sign_in("Alice").await;
    let alice_id = user_id(&stack, "Alice").await;
    let (status, started) = stack.call("start_verification", Some(&alice), &[]).await;
    assert_eq!(status, 200, "{started}");
    let alice_inquiry = inquiry_of(&started);

    // Bob sends Alice's reference id and inquiry id along: they are ignored.
    let bob = stack.sign_in("Bob").await;
    let bob_id = user_id(&stack, "Bob").await;
    assert_ne!(alice_id, bob_id);
    let sneaky = [
        ("reference_id", alice_id.as_str()),
        ("inquiry_id", alice_inquiry.as_str()),
        ("user_id", alice_id.as_str()),
    ];
    let (status, started) = stack.call("start_verification", Some(&bob), &sneaky).await;
    assert_eq!(status, 200, "{started}");
    let bob_inquiry = inquiry_of(&started);
    assert_ne!(bob_inquiry, alice_inquiry, "Bob got Alice's inquiry");
    let (status, account) = stack
        .call("refresh_verification", Some(&bob), &sneaky)
        .await;
    assert_eq!(status, 200, "{account}");
    assert_eq!(account["name"], "Bob");
    assert_eq!(
        account["verification"]["inquiry_id"].as_str(),
        Some(bob_inquiry.as_str())
    );

    // Persona agrees: each inquiry has its own person's reference id.
    let inquiries = stack.sim_get("/__inquiries").await;
    let reference = |id: &str| {
        inquiries["data"]
            .as_array()
            .and_then(|all| all.iter().find(|i| i["id"] == id))
            .map(|i| i["attributes"]["reference-id"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(reference(&alice_inquiry), alice_id.as_str());
    assert_eq!(reference(&bob_inquiry), bob_id.as_str());
    let users = stack.users().await;
    assert_eq!(users[&alice_id].1.as_deref(), Some(alice_inquiry.as_str()));
    assert_eq!(users[&bob_id].1.as_deref(), Some(bob_inquiry.as_str()));

    // No cookie, an altered one, another key's: not signed in, nothing started.
    let creates = stack.stats().await["api"]["creates"].clone();
    let (prefix, tag) = alice
        .rsplit_once('.')
        .unwrap_or_else(|| panic!("a cookie without a tag: {alice}"));
    let flipped = format!(
        "{prefix}.{}{}",
        if tag.starts_with('0') { '1' } else { '0' },
        &tag[1..]
    );
    let swapped = alice.replace(&alice_id, &bob_id);
    for cookie in [None, Some(flipped.as_str()), Some(swapped.as_str())] {
        let (status, answer) = stack.call("start_verification", cookie, &[]).await;
        assert_ne!(status, 200, "{cookie:?} started: {answer}");
        let error: KycError = serde_json::from_value(answer.clone())
            .unwrap_or_else(|e| panic!("{cookie:?}: not a KycError ({e}): {answer}"));
        assert_eq!(error, KycError::NotSignedIn, "{cookie:?}");
        assert!(error.to_string().contains("sign in again"), "{error}");
    }
    assert_eq!(stack.stats().await["api"]["creates"], creates);
}
