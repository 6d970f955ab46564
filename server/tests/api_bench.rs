//! The API client's throughput against a running flow simulator: 1,000
//! `retrieve_inquiry` calls, 16 at a time. Ignored by default; `cargo xtask
//! bench` starts the simulator and runs it in release mode. By hand:
//!
//! ```sh
//! cargo run -p persona-flow-simulator -- --port 8787 --api-key bench &
//! PERSONA_SIMULATOR_URL=http://127.0.0.1:8787 PERSONA_SIMULATOR_API_KEY=bench \
//!     cargo test --release -p leptos-persona-server --features client --test api_bench \
//!     -- --ignored --nocapture
//! ```
//!
//! It prints one line, `api retrieve: … median … ms, p99 … ms, … requests per
//! second`, and fails if any call fails.
#![cfg(feature = "client")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use leptos_persona_server::api::{Client, CreateInquiry, Template};

const CALLS: usize = 1_000;
const CONCURRENCY: usize = 16;
const WARM_UP: usize = 64;

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: start the flow simulator with --api-key KEY and set \
             PERSONA_SIMULATOR_URL to its origin (http://127.0.0.1:PORT) and \
             PERSONA_SIMULATOR_API_KEY to KEY (cargo xtask bench does both)"
        )
    })
}

/// `calls` retrieves of `inquiry_id`, `CONCURRENCY` at a time; each call's
/// time.
async fn retrieves(client: &Client, inquiry_id: &str, calls: usize) -> Vec<Duration> {
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (client, next, id) = (client.clone(), next.clone(), inquiry_id.to_owned());
            tokio::spawn(async move {
                let mut times = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    let started = Instant::now();
                    let found = client.retrieve_inquiry(&id).await;
                    times.push(started.elapsed());
                    if let Err(e) = found {
                        panic!("retrieve failed: {e}");
                    }
                }
                times
            })
        })
        .collect();
    let mut times = Vec::with_capacity(calls);
    for worker in workers {
        times.extend(worker.await.unwrap_or_else(|e| panic!("{e}")));
    }
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: needs PERSONA_SIMULATOR_URL and PERSONA_SIMULATOR_API_KEY"]
async fn retrieve_1000_at_concurrency_16() {
    let client = Client::builder(env("PERSONA_SIMULATOR_API_KEY"))
        .base_url(format!(
            "{}/api/v1",
            env("PERSONA_SIMULATOR_URL").trim_end_matches('/')
        ))
        .max_attempts(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let created = client
        .create_inquiry(&CreateInquiry::new(Template::id("itmpl_sim_happy")).reference_id("bench"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let id = created.inquiry.id;
    // Connections open, caches warm.
    retrieves(&client, &id, WARM_UP).await;

    let started = Instant::now();
    let mut times = retrieves(&client, &id, CALLS).await;
    let wall = started.elapsed();
    assert_eq!(times.len(), CALLS);
    times.sort();
    // Nearest rank.
    let rank = |p: f64| {
        let index = ((p * CALLS as f64).ceil() as usize).clamp(1, CALLS) - 1;
        times.get(index).copied().unwrap_or_default()
    };
    println!(
        "api retrieve: {CALLS} calls at concurrency {CONCURRENCY}: median {:.2} ms, p99 {:.2} ms, \
         {:.0} requests per second",
        ms(rank(0.50)),
        ms(rank(0.99)),
        CALLS as f64 / wall.as_secs_f64()
    );
}
