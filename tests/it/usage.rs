//! Usage meters through the real binary: participant minutes from joins and leaves (LiveKit's
//! times, each use rounded up, a duplicate counted once, out of order as in order, an open
//! session up to now), egress
//! minutes per output from LiveKit's start and end, by day or room, as JSON, a table or CSV.

use serde_json::{Value, json};

use super::support::receiver::now;
use super::support::{ADMIN_TOKEN, TestEnv};

/// `event` (`id`) for participant `pa` of `room`, who joined at `joined` (LiveKit's seconds),
/// reported as happening at `at`.
fn participant(
    env: &TestEnv,
    project: &str,
    (id, event): (&str, &str),
    (room, pa): (&str, &str),
    (joined, at): (i64, i64),
) {
    let body = json!({"event": event, "id": id, "createdAt": at.to_string(),
        "room": {"sid": format!("RM_{room}"), "name": format!("{project}__{room}")},
        "participant": {"sid": pa, "identity": pa.to_lowercase(), "joinedAt": joined.to_string()}});
    assert_eq!(env.livekit_webhook(&body), 200);
}

fn total(u: &Value, meter: &str) -> u64 {
    u["totals"][meter].as_u64().unwrap_or(0)
}

#[test]
fn usage_counts_participant_and_egress_minutes_from_livekits_times() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let t0 = now();
    // PA_1: 5 minutes in `talk`; its leave reported twice (once late, with another id).
    participant(&env, &project, ("EV_j1", "participant_joined"), ("talk", "PA_1"), (t0 - 600, t0 - 600));
    participant(&env, &project, ("EV_l1", "participant_left"), ("talk", "PA_1"), (t0 - 600, t0 - 300));
    participant(&env, &project, ("EV_l1b", "participant_left"), ("talk", "PA_1"), (t0 - 600, t0 - 250));
    // PA_2: 61 s in `stage`, two minutes rounded up; PA_3 still there, 90 s so far: 2.
    participant(&env, &project, ("EV_j2", "participant_joined"), ("stage", "PA_2"), (t0 - 200, t0 - 200));
    participant(&env, &project, ("EV_l2", "participant_left"), ("stage", "PA_2"), (t0 - 200, t0 - 139));
    participant(&env, &project, ("EV_j3", "participant_joined"), ("stage", "PA_3"), (t0 - 90, t0 - 90));
    // PA_4: 5 minutes, its leave arriving before its join (LiveKit retried the join late).
    participant(&env, &project, ("EV_l4", "participant_left"), ("stage", "PA_4"), (t0 - 400, t0 - 100));
    participant(&env, &project, ("EV_j4", "participant_joined"), ("stage", "PA_4"), (t0 - 400, t0 - 400));

    // An HLS + MP4 egress LiveKit ran for 20 minutes.
    let e = env.pulse(&key, &["egress", "start", "--room", "talk", "--output", "hls,file", "--json"]).code(0).json();
    let lk = e["livekit_egress_id"].as_str().unwrap();
    let ns = |s: i64| (s * 1_000_000_000).to_string();
    let ended = json!({"event": "egress_ended", "id": "EV_e1", "room": {"sid": "RM_talk", "name": format!("{project}__talk")},
        "egressInfo": {"egressId": lk, "roomName": format!("{project}__talk"), "status": "EGRESS_COMPLETE",
            "startedAt": ns(t0 - 1200), "endedAt": ns(t0)}});
    assert_eq!(env.livekit_webhook(&ended), 200);

    // An RTMP ingress that published twice: 10 minutes, then 3 minutes 20 s (4).
    let i = env
        .pulse(&key, &["ingress", "create", "--room", "talk", "--type", "rtmp", "--participant", "enc", "--json"])
        .code(0)
        .json();
    let ingress = |id: &str, status: &str, started: i64, ended: i64| {
        let info = json!({"ingressId": i["livekit_ingress_id"], "roomName": format!("{project}__talk"),
            "state": {"status": status, "startedAt": ns(started), "endedAt": if ended > 0 { ns(ended) } else { "0".into() }}});
        let event = if status == "ENDPOINT_PUBLISHING" { "ingress_started" } else { "ingress_ended" };
        assert_eq!(env.livekit_webhook(&json!({"event": event, "id": id, "ingressInfo": info})), 200);
    };
    ingress("EV_i1", "ENDPOINT_PUBLISHING", t0 - 1800, 0);
    ingress("EV_i2", "ENDPOINT_INACTIVE", t0 - 1800, t0 - 1200);
    ingress("EV_i3", "ENDPOINT_PUBLISHING", t0 - 600, 0);
    ingress("EV_i4", "ENDPOINT_INACTIVE", t0 - 600, t0 - 400);

    let u = env.pulse(&key, &["usage", "--json"]).code(0).json();
    assert_eq!(total(&u, "ingress_minutes.rtmp"), 10 + 4, "{u}");
    assert_eq!(total(&u, "participant_minutes"), 5 + 2 + 2 + 5, "{u}");
    assert_eq!((total(&u, "egress_minutes.hls"), total(&u, "egress_minutes.file")), (20, 20), "{u}");
    assert_eq!(u["granularity"], "day");
    let rows = u["rows"].as_array().unwrap();
    let participant_row = rows.iter().find(|r| r["meter"] == "participant_minutes").unwrap();
    assert_eq!(participant_row["uses"], 4, "four sessions: the duplicate leave is one: {u}");

    // By room.
    let by_room = env.pulse(&key, &["usage", "--by", "room", "--json"]).code(0).json();
    let minutes = |room: &str, meter: &str| -> u64 {
        by_room["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["room"] == room && r["meter"] == meter)
            .map(|r| r["quantity"].as_u64().unwrap())
            .sum()
    };
    assert_eq!((minutes("talk", "participant_minutes"), minutes("stage", "participant_minutes")), (5, 9), "{by_room}");
    assert_eq!(minutes("talk", "egress_minutes.hls"), 20);

    // CSV and the table; the admin token reads any project; bad input names the field.
    let csv = env.pulse(&key, &["usage", "--csv"]).code(0).stdout.clone();
    assert!(csv.starts_with("start,room,meter,quantity,uses\n") && csv.contains(",participant_minutes,14,4"), "{csv}");
    let table = env.pulse(&key, &["usage"]).code(0).stdout.clone();
    assert!(table.contains("METER") && table.contains("egress_minutes.hls"), "{table}");
    let admin = env.pulse_env(
        &[("PULSE_URL", env.url.as_str()), ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN)],
        &["usage", "--project", &project, "--json"],
    );
    assert_eq!(total(&admin.code(0).json(), "participant_minutes"), 14);
    let auth = Some(("x-pulse-key", key.as_str()));
    let (s, _, v) = env.api("GET", "/v1/usage?granularity=week", auth, None);
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("granularity")), "{v}");
    let (s, _, _) = env.api("GET", &format!("/v1/usage?project_id={project}"), auth, None);
    assert_eq!(s, 401, "a project key does not name projects");
}

#[test]
fn limits_refuse_starts_over_a_hard_limit_and_only_warn_over_a_soft_one() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let admin =
        |args: &[&str]| env.pulse_env(&[("PULSE_URL", env.url.as_str()), ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN)], args);
    let set = admin(&["projects", "limits", "set", &project, "--concurrent-egress", "1", "--json"]);
    assert_eq!(set.code(0).json()["limits"]["concurrent_egress"], 1);
    let start = |room: &str| env.pulse(&key, &["egress", "start", "--room", room, "--output", "hls", "--json"]);
    let first = start("one").code(0).json();
    let refused = start("two");
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("concurrent_egress = 1") && refused.stderr.contains("hard"), "{}", refused.stderr);
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1, "nothing reached LiveKit");
    let (s, _, v) = env.api(
        "POST",
        "/v1/media/egress/start",
        Some(("x-pulse-key", key.as_str())),
        Some(br#"{"room_name":"two","output_type":"hls"}"#.to_vec()),
    );
    assert_eq!((s, v["error"]["code"].as_str()), (403, Some("forbidden")), "{v}");
    let ingress = env.pulse(&key, &["ingress", "create", "--room", "two", "--type", "rtmp", "--participant", "enc"]);
    assert!(ingress.stderr.contains("concurrent_egress"), "ingress creates are refused too: {}", ingress.stderr);

    // Soft: it goes ahead.
    admin(&["projects", "limits", "set", &project, "--soft"]).code(0);
    start("two").code(0);

    // Egress minutes per month: the first egress ran 20 minutes by LiveKit's clock.
    let t0 = now();
    let ns = |s: i64| (s * 1_000_000_000).to_string();
    let ended = json!({"event": "egress_ended", "id": "EV_lim", "room": {"sid": "RM_1", "name": format!("{project}__one")},
        "egressInfo": {"egressId": first["livekit_egress_id"], "roomName": format!("{project}__one"),
            "status": "EGRESS_COMPLETE", "startedAt": ns(t0 - 1200), "endedAt": ns(t0)}});
    assert_eq!(env.livekit_webhook(&ended), 200);
    let set = admin(&[
        "projects",
        "limits",
        "set",
        &project,
        "--concurrent-egress",
        "0",
        "--egress-minutes",
        "10/month",
        "--hard",
        "--json",
    ]);
    let limits = set.code(0).json()["limits"].clone();
    assert_eq!(
        limits,
        json!({"egress_minutes_per_month": 10, "participant_minutes_per_month": null, "concurrent_egress": null, "soft": false})
    );
    let refused = start("three");
    assert!(
        refused.stderr.contains("egress_minutes_per_month = 10") && refused.stderr.contains("20"),
        "{}",
        refused.stderr
    );
    // Thresholds: 80 % and 100 % of a monthly limit, each once a month, to endpoints that name them.
    let rx = env.receiver();
    let ep = env.pulse(&key, &["webhooks", "endpoints", "add", &rx.url, "--events", "usage.threshold", "--json"]);
    rx.trust(ep.code(0).json()["secret"].as_str().unwrap());
    admin(&["projects", "limits", "set", &project, "--egress-minutes", "24/month"]).code(0);
    let st = env.state();
    assert_eq!(env.rt.block_on(st.core.usage_thresholds()), 1, "20 of 24: 80 % only");
    assert_eq!(env.rt.block_on(st.core.usage_thresholds()), 0, "once");
    admin(&["projects", "limits", "set", &project, "--egress-minutes", "20/month"]).code(0);
    assert_eq!(env.rt.block_on(st.core.usage_thresholds()), 1, "now 100 % (80 % was said)");
    let got = rx.wait_for(10, |g| g.len() >= 2);
    let mut seen: Vec<(u64, u64)> = got
        .iter()
        .map(|r| (r.json["data"]["percent"].as_u64().unwrap(), r.json["data"]["used"].as_u64().unwrap()))
        .collect();
    seen.sort();
    assert_eq!(seen, [(80, 20), (100, 20)]);
    assert!(got.iter().all(|r| r.json["event"] == "usage.threshold" && r.standard_ok));
    assert_eq!(got[0].json["data"]["limit"], "egress_minutes_per_month");

    // Only the admin token sets limits.
    let (s, _, _) = env.api(
        "PUT",
        &format!("/v1/projects/{project}/limits"),
        Some(("x-pulse-key", key.as_str())),
        Some(b"{}".to_vec()),
    );
    assert_eq!(s, 401);
}

/// A small deterministic generator (the storm below is the same on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn a_scripted_storm_meters_exactly_the_minutes_played_duplicates_disorder_and_a_lost_leave_included() {
    const PEOPLE: usize = 48;
    const ROOMS: usize = 4;
    let env = TestEnv::start();
    let (project, key) = env.project("storm");
    let t0 = now();
    let mut rng = Lcg(7);
    let lk_room = |r: usize| format!("{project}__room-{r}");
    // Who was where, by LiveKit's clock: joined within the last hour, stayed 1 s to 25 min.
    let people: Vec<(usize, i64, i64)> = (0..PEOPLE)
        .map(|_| {
            let joined = t0 - 3600 + rng.below(1800) as i64;
            (rng.below(ROOMS as u64) as usize, joined, joined + 1 + rng.below(1500) as i64)
        })
        .collect();
    // Person 0's participant_left is lost; reconciliation ends their session.
    let lost = 0;
    let webhook = |i: usize, event: &str, id: String, at: i64| {
        let (room, joined, _) = people[i];
        json!({"event": event, "id": id, "createdAt": at.to_string(),
            "room": {"sid": format!("RM_{room}"), "name": lk_room(room)},
            "participant": {"sid": format!("PA_{i}"), "identity": format!("p{i}"), "joinedAt": joined.to_string()}})
    };
    let mut plays: Vec<Value> = Vec::new();
    for (i, (_, joined, left)) in people.iter().enumerate() {
        plays.push(webhook(i, "participant_joined", format!("EV_j{i}"), *joined));
        if i != lost {
            plays.push(webhook(i, "participant_left", format!("EV_l{i}"), *left));
        }
    }
    // Out of order (a leave may come before its join), every fifth sent twice.
    for i in (1..plays.len()).rev() {
        plays.swap(i, rng.below(i as u64 + 1) as usize);
    }
    for (n, w) in plays.iter().enumerate() {
        assert_eq!(env.livekit_webhook(w), 200);
        if n % 5 == 0 {
            assert_eq!(env.livekit_webhook(w), 200, "a duplicate is acknowledged");
        }
    }
    // LiveKit retrying some leaves under new ids, later: the same sessions.
    for i in (1..PEOPLE).step_by(7) {
        let w = webhook(i, "participant_left", format!("EV_l{i}_again"), people[i].2 + 40);
        assert_eq!(env.livekit_webhook(&w), 200);
    }

    // Egress with known runs by LiveKit's clock, one report duplicated.
    let runs = [(0, 61), (1, 600), (2, 1199), (3, 3600), (1, 1)];
    let ns = |s: i64| (s * 1_000_000_000).to_string();
    for (n, (room, secs)) in runs.iter().enumerate() {
        let args = ["egress", "start", "--room", &format!("room-{room}"), "--output", "hls,file", "--json"];
        let e = env.pulse(&key, &args).code(0).json();
        let ended = json!({"event": "egress_ended", "id": format!("EV_eg{n}"),
            "room": {"sid": format!("RM_{room}"), "name": lk_room(*room)},
            "egressInfo": {"egressId": e["livekit_egress_id"], "roomName": lk_room(*room), "status": "EGRESS_COMPLETE",
                "startedAt": ns(t0 - 4000 + n as i64), "endedAt": ns(t0 - 4000 + n as i64 + secs)}});
        assert_eq!(env.livekit_webhook(&ended), 200);
        if n == 2 {
            assert_eq!(env.livekit_webhook(&ended), 200);
        }
    }

    // The lost leave: LiveKit lists the rooms with nobody in them.
    env.fake.set_rooms((0..ROOMS).map(|r| json!({"sid": format!("RM_{r}"), "name": lk_room(r)})).collect());
    for r in 0..ROOMS {
        env.fake.set_participants(&lk_room(r), vec![]);
    }
    let st = env.state();
    let before = now();
    env.rt.block_on(st.core.reconcile_once());
    env.rt.block_on(st.core.reconcile_once());
    let after = now();

    // Computed here, independently: each use rounded up to a minute.
    let minutes = |secs: i64| ((secs + 59) / 60) as u64;
    let mut want = [0u64; ROOMS];
    for (i, (room, joined, left)) in people.iter().enumerate() {
        if i != lost {
            want[*room] += minutes(left - joined);
        }
    }
    let (lost_room, lost_joined, _) = people[lost];
    let lost_range = minutes(before - lost_joined)..=minutes(after - lost_joined);
    let mut egress_want = [0u64; ROOMS];
    for (room, secs) in runs {
        egress_want[room] += minutes(secs);
    }

    let by_room = env.pulse(&key, &["usage", "--by", "room", "--since", "1d", "--json"]).code(0).json();
    let got = |room: usize, meter: &str| -> u64 {
        by_room["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["room"] == format!("room-{room}") && r["meter"] == meter)
            .map(|r| r["quantity"].as_u64().unwrap())
            .sum()
    };
    for r in 0..ROOMS {
        let have = got(r, "participant_minutes");
        if r == lost_room {
            let rest = have.checked_sub(want[r]).unwrap_or_else(|| panic!("room-{r}: {have} < {}", want[r]));
            assert!(lost_range.contains(&rest), "room-{r}: the lost leave counted {rest}, not {lost_range:?}");
        } else {
            assert_eq!(have, want[r], "room-{r} participant minutes: {by_room}");
        }
        assert_eq!(got(r, "egress_minutes.hls"), egress_want[r], "room-{r} HLS minutes");
        assert_eq!(got(r, "egress_minutes.file"), egress_want[r], "room-{r} file minutes");
    }
    let u = env.pulse(&key, &["usage", "--since", "1d", "--json"]).code(0).json();
    let sessions: u64 = u["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["meter"] == "participant_minutes")
        .map(|r| r["uses"].as_u64().unwrap())
        .sum();
    assert_eq!(sessions, PEOPLE as u64, "one use per session, however often it was reported: {u}");
    assert_eq!(total(&u, "egress_minutes.hls"), egress_want.iter().sum::<u64>(), "{u}");

    // Settled into stored buckets (the leading daemon's pass, run here at once), the same
    // figures come from them: by hour and room, and by day over whole days and hours.
    let answers = |source: &str| -> u64 {
        let m = &st.core.metrics;
        let n = if source == "buckets" { &m.usage_from_buckets } else { &m.usage_from_records };
        n.load(std::sync::atomic::Ordering::Relaxed)
    };
    assert!(env.rt.block_on(st.core.aggregate_usage()).unwrap() > 0, "a first pass writes buckets");
    assert_eq!(env.rt.block_on(st.core.aggregate_usage()).unwrap(), 0, "a second pass finds nothing to do");
    let from_buckets = answers("buckets");
    let again = env.pulse(&key, &["usage", "--by", "room", "--since", "1d", "--json"]).code(0).json();
    assert_eq!(again["rows"], by_room["rows"], "the buckets hold what the records say");
    let days = env.pulse(&key, &["usage", "--since", "3d", "--json"]).code(0).json();
    assert_eq!(days["totals"], u["totals"], "{days}");
    assert_eq!(answers("buckets"), from_buckets + 2, "both answers came from the buckets");

    // A late report of a session two hours back: its hour is stale, so the next answer reads
    // the records (and counts it), and once settled the buckets count it too.
    let back = now() - 2 * 3600;
    for (event, at) in [("participant_joined", back), ("participant_left", back + 125)] {
        let w = json!({"event": event, "id": format!("EV_late_{event}"), "createdAt": at.to_string(),
            "room": {"sid": "RM_0", "name": lk_room(0)},
            "participant": {"sid": "PA_late", "identity": "late", "joinedAt": back.to_string()}});
        assert_eq!(env.livekit_webhook(&w), 200);
    }
    let from_records = answers("records");
    let late = env.pulse(&key, &["usage", "--since", "1d", "--json"]).code(0).json();
    assert_eq!(total(&late, "participant_minutes"), total(&u, "participant_minutes") + 3, "{late}");
    assert_eq!(answers("records"), from_records + 1, "a stale hour is read from the records");
    assert!(env.rt.block_on(st.core.aggregate_usage()).unwrap() > 0);
    let settled = env.pulse(&key, &["usage", "--since", "1d", "--json"]).code(0).json();
    assert_eq!(settled["rows"], late["rows"]);
    assert_eq!(answers("buckets"), from_buckets + 3);
}
