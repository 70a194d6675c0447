//! The delayed silence checks of the pre-emptive pause: an SQS message per check, delayed by
//! `PREEMPTIVE_RESUME_AFTER_SECONDS` (`DelaySeconds`), on the queue `PII_PAUSE_RESUME_QUEUE_URL` that invokes the
//! function; its body is the check, recognised by intake.

use crate::intake::ResumeCheck;
use crate::platform::Contact;
use serde_json::json;
use std::time::Duration;

/// The body key that marks a silence check.
pub const KEY: &str = "piiPauseResumeCheck";

/// Sends silence checks, built once per process.
pub struct ResumeScheduler {
    client: aws_sdk_sqs::Client,
    queue_url: String,
    delay: Duration,
}

impl ResumeScheduler {
    pub fn new(client: aws_sdk_sqs::Client, queue_url: impl Into<String>, delay: Duration) -> Self {
        ResumeScheduler {
            client,
            queue_url: queue_url.into(),
            delay,
        }
    }

    /// Schedules a check of `contact` on `platform` after the silence.
    pub async fn schedule(
        &self,
        platform: &str,
        contact: &Contact,
        check: &ResumeCheck,
    ) -> Result<(), String> {
        let body = json!({ KEY: {
            "platform": platform,
            "conversationId": contact.id,
            "mediaType": contact.media_type,
            "locator": contact.locator,
            "pausedAtMs": check.paused_at_ms,
            "lastUtteranceMs": check.last_utterance_ms,
        }});
        self.client
            .send_message()
            .queue_url(&self.queue_url)
            .message_body(body.to_string())
            .delay_seconds(self.delay.as_secs().min(900) as i32)
            .send()
            .await
            .map(|_| ())
            .map_err(|e| {
                format!(
                    "SendMessage to the resume queue failed: {}",
                    aws_sdk_sqs::error::DisplayErrorContext(&e)
                )
            })
    }
}
