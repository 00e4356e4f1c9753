//! A load run of `POST /api/chat`: N concurrent sessions sending everyday
//! messages (English and Spanish), either as fast as answers come back
//! (closed loop) or at a fixed total rate (open loop), reporting throughput
//! and latency percentiles.
//!
//! ```sh
//! cargo run --release -- serve &                       # or any running instance
//! cargo run --release --example load_chat -- --url http://127.0.0.1:8080 --sessions 100 --seconds 20
//! cargo run --release --example load_chat -- --url http://127.0.0.1:8080 --sessions 100 --rate 1000
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const MESSAGES: &[&str] = &[
    "we need 2 lemons and some garlic",
    "shopping list",
    "got the lemons",
    "what's for dinner tonight?",
    "we have 2 kg of flour",
    "se acabaron los huevos",
    "qué hay que comprar",
    "anotá leche y pan",
    "what's in the pantry",
    "undo",
];

#[tokio::main]
async fn main() {
    let mut url = "http://127.0.0.1:8080".to_string();
    let (mut sessions, mut seconds, mut rate) = (100usize, 20u64, 0u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().unwrap_or_default();
        match a.as_str() {
            "--url" => url = value,
            "--sessions" => sessions = value.parse().unwrap_or(100),
            "--seconds" => seconds = value.parse().unwrap_or(20),
            "--rate" => rate = value.parse().unwrap_or(0),
            other => {
                eprintln!("unknown argument {other}: use --url, --sessions, --seconds, --rate");
                std::process::exit(2);
            }
        }
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(sessions)
        .build()
        .expect("client");
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let run = format!("{:x}", std::process::id());
    let mut tasks = Vec::new();
    for s in 0..sessions {
        let (client, url, errors, run) = (client.clone(), url.clone(), errors.clone(), run.clone());
        // Open loop: each session sends every `interval`, latency measured from
        // when the message was due, so queueing shows.
        let interval = (rate > 0).then(|| Duration::from_secs_f64(sessions as f64 / rate as f64));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut n = s;
            let mut due = Instant::now() + interval.map_or(Duration::ZERO, |i| i.mul_f64(s as f64 / sessions as f64));
            while Instant::now() < deadline {
                if interval.is_some() {
                    tokio::time::sleep_until(due.into()).await;
                }
                let start = if interval.is_some() { due } else { Instant::now() };
                let body = serde_json::json!({"session": format!("load-{run}-{s}"), "text": MESSAGES[n % MESSAGES.len()]});
                let ok = match client.post(format!("{url}/api/chat")).json(&body).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if !ok {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
                latencies.push(start.elapsed());
                n += 1;
                if let Some(i) = interval {
                    due += i;
                }
            }
            latencies
        }));
    }
    let started = Instant::now();
    let mut all: Vec<Duration> = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64().max(seconds as f64);
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "{} messages in {:.1} s from {sessions} sessions ({}): {:.0} messages/s, errors {}",
        all.len(),
        elapsed,
        if rate > 0 {
            format!("offered {rate}/s")
        } else {
            "closed loop".into()
        },
        all.len() as f64 / elapsed,
        errors.load(Ordering::Relaxed)
    );
    println!(
        "latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.90).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
}
