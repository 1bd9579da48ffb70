//! `GET /metrics`: Prometheus text exposition of the webhook pipeline (README "Webhooks").

use std::fmt::Write;
use std::sync::atomic::Ordering;

use super::AppState;
use crate::webhooks::sender::BUCKETS;

/// Renders every metric.
pub async fn render(st: &AppState) -> String {
    let mut out = String::new();
    let m = &st.core.metrics;
    let w = &st.core.sender.metrics;
    let i = m;
    let mut counter = |name: &str, help: &str, labels: &[(&str, u64)]| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
        for (label, v) in labels {
            let _ = writeln!(out, "{name}{label} {v}");
        }
    };
    counter(
        "pulse_webhook_deliveries_total",
        "Deliveries that reached a final status, by outcome.",
        &[
            ("{outcome=\"delivered\"}", m.delivered.load(Ordering::Relaxed)),
            ("{outcome=\"failed\"}", m.failed.load(Ordering::Relaxed)),
        ],
    );
    counter(
        "pulse_webhook_attempts_total",
        "Delivery attempts, by result.",
        &[
            ("{result=\"success\"}", w.ok.load(Ordering::Relaxed)),
            ("{result=\"failure\"}", w.failed.load(Ordering::Relaxed)),
        ],
    );
    counter("pulse_livekit_webhooks_total", "LiveKit webhooks accepted.", &[("", i.received.load(Ordering::Relaxed))]);
    counter(
        "pulse_livekit_webhook_rejected_signatures_total",
        "LiveKit webhooks refused for their signature.",
        &[("", i.rejected_signatures.load(Ordering::Relaxed))],
    );
    counter(
        "pulse_livekit_webhook_duplicates_total",
        "LiveKit webhooks already taken in.",
        &[("", i.duplicates.load(Ordering::Relaxed))],
    );
    counter(
        "pulse_livekit_webhook_dropped_total",
        "LiveKit webhooks for no known project or record.",
        &[("", i.dropped_unknown.load(Ordering::Relaxed))],
    );
    counter("pulse_events_total", "Pulse events produced.", &[("", m.events.load(Ordering::Relaxed))]);
    counter(
        "pulse_usage_answers_total",
        "Usage answers, by what they were read from (stored buckets, or the records when an hour is stale).",
        &[
            ("{source=\"buckets\"}", m.usage_from_buckets.load(Ordering::Relaxed)),
            ("{source=\"records\"}", m.usage_from_records.load(Ordering::Relaxed)),
        ],
    );
    counter(
        "pulse_usage_buckets_settled_total",
        "Usage buckets the aggregation wrote.",
        &[("", m.usage_buckets_settled.load(Ordering::Relaxed))],
    );
    let c = st.core.store.commit_stats();
    counter("pulse_store_commit_groups_total", "Group-commit flushes.", &[("", c.batches)]);
    counter("pulse_store_commits_total", "Commands those flushes carried.", &[("", c.commands)]);
    let secs = |n: u64| n as f64 / 1e9;
    let _ = writeln!(
        out,
        "# HELP pulse_store_flush_seconds_total Time in sled's flush (sync_file_range).\n# TYPE pulse_store_flush_seconds_total counter\npulse_store_flush_seconds_total {}",
        secs(c.flush_nanos)
    );
    let _ = writeln!(
        out,
        "# HELP pulse_store_fdatasync_seconds_total Time in the fdatasync that follows it.\n# TYPE pulse_store_fdatasync_seconds_total counter\npulse_store_fdatasync_seconds_total {}",
        secs(c.sync_nanos)
    );
    let queue = st.core.store.queue_counts(crate::model::now_ms()).await.unwrap_or_default();
    for (name, help, v) in [
        ("pulse_webhook_queue_depth", "Deliveries scheduled (pending or retrying).", queue.scheduled),
        ("pulse_webhook_due", "Deliveries due now.", queue.due),
        ("pulse_webhook_in_flight", "Delivery attempts in flight.", st.worker.in_flight.load(Ordering::Relaxed)),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
    }
    let name = "pulse_webhook_attempt_duration_seconds";
    let _ = writeln!(out, "# HELP {name} Delivery attempt latency.\n# TYPE {name} histogram");
    for (bound, n) in BUCKETS.iter().zip(&w.latency_buckets) {
        let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {}", n.load(Ordering::Relaxed));
    }
    let count = w.latency_count.load(Ordering::Relaxed);
    let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
    let _ = writeln!(out, "{name}_sum {}", w.latency_sum_ms.load(Ordering::Relaxed) as f64 / 1000.0);
    let _ = writeln!(out, "{name}_count {count}");
    out
}
