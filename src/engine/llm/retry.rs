//! Retries with backoff that honour `retry-after` / `RetryInfo`, inside a
//! deadline; no retry on errors that cannot succeed (other 4xx, spend
//! limits, daily quotas).

use super::{ChatRequest, ChatResponse, LlmError, Provider, TextSink};
use std::time::Duration;
use tokio::time::Instant;

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
        }
    }
}

/// Calls the provider until it answers, an error is final, attempts run
/// out or the deadline passes (then [`LlmError::Timeout`]).
pub async fn complete_with_retries(
    provider: &dyn Provider,
    request: &ChatRequest,
    policy: RetryPolicy,
    deadline: Instant,
    on_text: TextSink<'_>,
) -> Result<ChatResponse, LlmError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(LlmError::Timeout);
        }
        tracing::debug!(
            provider = provider.name(),
            model = provider.model(),
            attempt,
            turns = request.turns.len(),
            tools = request.tools.len(),
            "sending request"
        );
        let result =
            match tokio::time::timeout(left, provider.complete(request, &mut *on_text)).await {
                Ok(r) => r,
                Err(_) => return Err(LlmError::Timeout),
            };
        let err = match result {
            Ok(response) => {
                tracing::debug!(
                    provider = provider.name(),
                    attempt,
                    calls = response.calls.len(),
                    stop = ?response.stop,
                    input_tokens = response.usage.input_tokens,
                    output_tokens = response.usage.output_tokens,
                    "answer received"
                );
                return Ok(response);
            }
            Err(e) => e,
        };
        if !err.is_retryable() || attempt >= policy.attempts {
            return Err(err);
        }
        let backoff = policy
            .base_delay
            .saturating_mul(1 << (attempt - 1).min(10))
            .min(policy.max_delay);
        let jitter = Duration::from_millis(u64::from(rand_jitter_ms()));
        let wait = err.retry_after().unwrap_or(backoff + jitter);
        if Instant::now() + wait >= deadline {
            tracing::warn!(provider = provider.name(), error = %err, wait_ms = wait.as_millis() as u64, "retry would pass the deadline; giving up");
            return Err(err);
        }
        tracing::info!(provider = provider.name(), error = %err, attempt, wait_ms = wait.as_millis() as u64, "retrying");
        tokio::time::sleep(wait).await;
    }
}

fn rand_jitter_ms() -> u32 {
    use rand::Rng;
    rand::thread_rng().gen_range(0..250)
}
