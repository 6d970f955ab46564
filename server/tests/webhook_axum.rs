//! The `axum` feature's `VerifiedWebhook` in a real router: the answers (2xx,
//! 400, 401, 413) with one-word bodies, the verifier from the state, the body
//! limit on declared and streamed bodies (the reason logged at `warn` is
//! `webhook_axum_log.rs`).
#![cfg(feature = "axum")]

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use http_body::Frame;
use leptos_persona_server::webhook::{sign, sign_rotation, VerifiedWebhook, WebhookVerifier};
use leptos_persona_server::Secret;

mod axum_app;
use axum_app::{app, body, now, request, send, SECRET};

#[tokio::test]
async fn a_signed_delivery_reaches_the_handler() {
    let (router, seen) = app(1 << 20);
    let body = body();
    let header = sign(&Secret::new(SECRET), now(), &body);
    let (status, text) = send(&router, request(&[&header], body.clone())).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::OK, "evt_ax1 inquiry.completed")
    );
    // Rotation: Persona's two sets, only one of them ours.
    let rotated = sign_rotation(
        &[Secret::new("wbhsec_other"), Secret::new(SECRET)],
        now(),
        &body,
    );
    let (status, _) = send(&router, request(&[&rotated], body.clone())).await;
    assert_eq!(status, StatusCode::OK);
    // Two header lines are read as two sets.
    let other = sign(&Secret::new("wbhsec_other"), now(), &body);
    let (status, _) = send(&router, request(&[&other, &header], body)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen.lock().map(|s| s.len()).unwrap_or(0), 3);
}

#[tokio::test]
async fn the_verifier_can_be_the_state_itself() {
    async fn bare(VerifiedWebhook(event): VerifiedWebhook) -> String {
        event.id
    }
    let router = Router::new()
        .route("/webhooks/persona", post(bare))
        .with_state(WebhookVerifier::new(Secret::new(SECRET)));
    let body = body();
    let header = sign(&Secret::new(SECRET), now(), &body);
    assert_eq!(
        send(&router, request(&[&header], body)).await,
        (StatusCode::OK, "evt_ax1".to_owned())
    );
}

#[tokio::test]
async fn refusals_answer_400_401_413_with_one_word() {
    let (router, seen) = app(4096);
    let body = body();
    let good = sign(&Secret::new(SECRET), now(), &body);
    let cases: Vec<(Vec<String>, Vec<u8>, StatusCode, &str)> = vec![
        (vec![], body.clone(), StatusCode::BAD_REQUEST, "bad request"),
        (
            vec!["t=1".into()],
            body.clone(),
            StatusCode::BAD_REQUEST,
            "bad request",
        ),
        (
            vec![good.replace(',', ";")],
            body.clone(),
            StatusCode::BAD_REQUEST,
            "bad request",
        ),
        (
            vec![sign(&Secret::new("wbhsec_attacker"), now(), &body)],
            body.clone(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            vec![good.clone()],
            [&body[..], b" "].concat(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            vec![sign(&Secret::new(SECRET), now() - 3_600, &body)],
            body.clone(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            vec![sign(&Secret::new(SECRET), now() + 3_600, &body)],
            body.clone(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            vec![sign(&Secret::new(SECRET), now(), b"[1]")],
            b"[1]".to_vec(),
            StatusCode::BAD_REQUEST,
            "bad request",
        ),
        (
            vec![sign(&Secret::new(SECRET), now(), &[b' '; 4097])],
            vec![b' '; 4097],
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload too large",
        ),
    ];
    for (headers, body, status, word) in cases {
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let (got, text) = send(&router, request(&headers, body)).await;
        assert_eq!((got, text.as_str()), (status, word), "{headers:?}");
    }
    // A header that is not visible ASCII.
    let mut bad = request(&[], body.clone());
    bad.headers_mut().insert(
        "persona-signature",
        axum::http::HeaderValue::from_bytes(b"t=1,v1=\xff").expect("a header value"),
    );
    assert_eq!(send(&router, bad).await.0, StatusCode::BAD_REQUEST);
    assert!(
        seen.lock().map(|s| s.is_empty()).unwrap_or(false),
        "no refused delivery reached the handler"
    );
}

#[tokio::test]
async fn a_streamed_body_over_the_limit_is_refused_while_read() {
    let (router, seen) = app(1000);
    // No content length: frames of 300 bytes, forever.
    let header = sign(&Secret::new(SECRET), now(), b"irrelevant");
    let endless = Body::new(Frames {
        frames: VecDeque::new(),
        endless: Some(300),
    });
    let (status, text) = send(&router, request(&[&header], endless)).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload too large")
    );
    // A streamed body within the limit is read whole and verified.
    let body = body();
    let header = sign(&Secret::new(SECRET), now(), &body);
    let (first, rest) = body.split_at(17);
    let frames = [first, rest]
        .map(Bytes::copy_from_slice)
        .into_iter()
        .collect();
    let streamed = Body::new(Frames {
        frames,
        endless: None,
    });
    assert_eq!(
        send(&router, request(&[&header], streamed)).await.0,
        StatusCode::OK
    );
    assert_eq!(seen.lock().map(|s| s.len()).unwrap_or(0), 1);
}

/// A body of frames of unknown total size; `endless`: frames of that many
/// spaces after them, forever.
struct Frames {
    frames: VecDeque<Bytes>,
    endless: Option<usize>,
}

impl axum::body::HttpBody for Frames {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let next = match self.frames.pop_front() {
            Some(frame) => Some(frame),
            None => self.endless.map(|size| Bytes::from(vec![b' '; size])),
        };
        Poll::Ready(next.map(|bytes| Ok(Frame::data(bytes))))
    }
}
