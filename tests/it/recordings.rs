//! Verified recordings against a real S3-compatible server (moto): `recording_available` only
//! once the playlist and its segments, or the MP4, are in the bucket; `recording_failed` naming
//! what is missing; a store that cannot be reached is retried, across a SIGKILL, until it can.

use std::time::Duration;

use serde_json::{Value, json};

use super::support::receiver::Received;
use super::support::s3::{ACCESS_KEY, Gate, REGION, S3Server, SECRET_KEY};
use super::support::{ADMIN_TOKEN, TestEnv, Upload, eventually, spawn_daemon};

const BUCKET: &str = "recordings";

fn with_storage(endpoint: String) -> super::support::Tweak {
    Box::new(move |c, _| {
        c.storage.provider = Some("s3".into());
        c.storage.bucket = Some(BUCKET.into());
        c.storage.region = Some(REGION.into());
        c.storage.endpoint = Some(endpoint);
        c.storage.access_key_id = Some(ACCESS_KEY.into());
        c.storage.secret_access_key = Some(SECRET_KEY.into());
        c.storage.force_path_style = Some(true);
    })
}

/// A daemon uploading to a fresh bucket of a real S3-compatible server, a project of it, and
/// a receiver trusting an endpoint of `events` (`None` when there is no server to run).
fn with_bucket(events: &[&str]) -> Option<(S3Server, TestEnv, String, String, super::support::receiver::Receiver)> {
    let s3 = S3Server::start()?;
    let env = TestEnv::start_with(with_storage(s3.endpoint.clone()));
    env.rt.block_on(s3.create_bucket(BUCKET));
    let (project, key) = env.project("acme");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, events);
    rx.trust(&secret);
    Some((s3, env, project, key, rx))
}

/// protojson as LiveKit's webhooks write it: the Twirp answer's snake_case keys in lowerCamelCase.
fn camel(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let mut out = String::new();
                    let mut up = false;
                    for c in k.chars() {
                        if c == '_' {
                            up = true;
                        } else {
                            out.push(if up { c.to_ascii_uppercase() } else { c });
                            up = false;
                        }
                    }
                    (out, camel(v))
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(camel).collect()),
        other => other.clone(),
    }
}

/// Starts an egress with `args`, lets it run, and completes it in the fake with `upload`;
/// LiveKit then reports the end by webhook. Returns the egress as started.
fn record(env: &TestEnv, key: &str, project: &str, args: &[&str], upload: Upload, event_id: &str) -> Value {
    let mut all = vec!["egress", "start", "--room", "show", "--json"];
    all.extend_from_slice(args);
    let e = env.pulse(key, &all).code(0).json();
    let lk = e["livekit_egress_id"].as_str().unwrap().to_string();
    let info = env.rt.block_on(env.fake.complete_egress(&lk, upload));
    let hook = json!({"event": "egress_ended", "id": event_id, "createdAt": super::support::receiver::now().to_string(),
        "room": {"sid": "RM_1", "name": format!("{project}__show")}, "egressInfo": camel(&info)});
    assert_eq!(env.livekit_webhook(&hook), 200);
    e
}

fn events_for<'a>(got: &'a [Received], egress_id: &str) -> Vec<&'a Received> {
    got.iter().filter(|r| r.json["data"]["egress"]["egress_id"] == egress_id).collect()
}

fn kinds(got: &[&Received]) -> Vec<String> {
    let mut k: Vec<String> = got.iter().map(|r| r.json["event"].as_str().unwrap().to_string()).collect();
    k.sort();
    k
}

#[test]
fn a_recording_is_announced_only_once_it_is_in_the_bucket() {
    let Some((_s3, env, project, key, rx)) = with_bucket(&[]) else { return };

    let hls = record(&env, &key, &project, &["--output", "hls", "--filename", "full"], Upload::Full, "EV_h1");
    let mp4 = record(&env, &key, &project, &["--output", "file", "--filename", "full"], Upload::Full, "EV_f1");
    let got = rx.wait_for(20, |g| g.iter().filter(|r| r.json["event"] == "recording_available").count() >= 2);
    let hls_id = hls["egress_id"].as_str().unwrap();
    let available = |id: &str| {
        got.iter()
            .find(|r| r.json["event"] == "recording_available" && r.json["data"]["egress"]["egress_id"] == id)
            .unwrap()
    };
    let rec = &available(hls_id).json["data"]["recording"];
    assert_eq!(rec["verified"], true, "{rec}");
    assert_eq!(rec["verification"], "verified");
    assert_eq!(rec["segments"], 3);
    assert_eq!(rec["object_key"], format!("{project}/hls/full/index.m3u8"));
    assert_eq!(rec["playlist_url"], format!("https://cdn.test/{project}/hls/full/index.m3u8"));
    assert_eq!(rec["duration_seconds"], 18.0);
    let playlist_len = rec["size_bytes"].as_u64().unwrap() - 3 * 188 * 40;
    assert!((100..1000).contains(&playlist_len), "three segments and the playlist: {rec}");
    let rec = &available(mp4["egress_id"].as_str().unwrap()).json["data"]["recording"];
    assert_eq!((rec["verified"].as_bool(), rec["size_bytes"].as_u64()), (Some(true), Some(4096)), "{rec}");
    assert_eq!(rec["file_url"], format!("https://cdn.test/{project}/recordings/full.mp4"));
    assert!(got.iter().all(|r| r.json["event"] != "recording_failed"));
    let events = events_for(&got, hls_id);
    assert_eq!(kinds(&events), ["egress_ended", "recording_available"]);
    let at =
        |kind: &str| events.iter().find(|r| r.json["event"] == kind).unwrap().json["id"].as_str().unwrap().to_string();
    assert!(
        at("egress_ended") <= at("recording_available"),
        "the recording is announced once checked, after the end (event ids are ULIDs)"
    );

    // The CLI shows the verdict and the size; the credentials never appear.
    let table = env.pulse(&key, &["egress", "get", hls_id]).code(0).stdout.clone();
    let line = |k: &str| {
        table.lines().find(|l| l.trim_start().starts_with(k)).unwrap_or_else(|| panic!("{k} in\n{table}")).to_string()
    };
    assert!(line("RECORDING.VERIFIED").contains("true"), "{table}");
    assert!(line("RECORDING.SIZE_BYTES").contains(&(3 * 188 * 40 + playlist_len).to_string()), "{table}");
    let json = env.pulse(&key, &["egress", "get", hls_id, "--json"]).code(0).json();
    assert_eq!(json["recording"]["verification"], "verified");
    assert!(!json.to_string().contains(SECRET_KEY) && !table.contains(SECRET_KEY));
}

#[test]
fn a_missing_empty_or_partial_recording_is_recording_failed() {
    let Some((_s3, env, project, key, rx)) = with_bucket(&["recording_available", "recording_failed"]) else { return };

    let cases = [
        (["--output", "hls", "--filename", "nothing"], Upload::Nothing, "is not in bucket `recordings`"),
        (
            ["--output", "hls", "--filename", "partial"],
            Upload::PlaylistOnly,
            "3 of the 3 segments the playlist names are missing",
        ),
        (["--output", "hls", "--filename", "empty"], Upload::Empty, "is empty (0 bytes)"),
        (["--output", "file", "--filename", "nothing"], Upload::Nothing, "is not in bucket `recordings`"),
        (["--output", "file", "--filename", "empty"], Upload::Empty, "is empty (0 bytes)"),
    ];
    let mut ids = Vec::new();
    for (i, (args, upload, _)) in cases.iter().enumerate() {
        ids.push(
            record(&env, &key, &project, args, *upload, &format!("EV_m{i}"))["egress_id"].as_str().unwrap().to_string(),
        );
    }
    let got = rx.wait_for(20, |g| g.len() >= cases.len());
    std::thread::sleep(Duration::from_millis(300)); // nothing more may arrive
    let got = {
        let more = rx.got();
        assert_eq!(more.len(), got.len(), "one event per recording");
        more
    };
    for ((_, _, why), id) in cases.iter().zip(&ids) {
        let events = events_for(&got, id);
        assert_eq!(kinds(&events), ["recording_failed"], "{id}");
        let data = &events[0].json["data"];
        assert!(data["reason"].as_str().unwrap().contains(why), "{id}: {data}");
        assert_eq!(
            (data["recording"]["verified"].as_bool(), data["recording"]["verification"].as_str()),
            (Some(false), Some("failed"))
        );
        let e = env.pulse(&key, &["egress", "get", id, "--json"]).code(0).json();
        assert_eq!(
            (e["status"].as_str(), e["recording"]["verification"].as_str()),
            (Some("ended"), Some("failed")),
            "{e}"
        );
        assert!(e["recording"]["detail"].as_str().unwrap().contains(why));
    }
}

#[test]
fn without_storage_a_recording_is_announced_as_not_verified() {
    let env = TestEnv::start();
    let (project, key) = env.project("acme");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, &["recording_available", "recording_failed"]);
    rx.trust(&secret);
    let e = env.pulse(&key, &["egress", "start", "--room", "show", "--output", "file", "--json"]).code(0).json();
    let lk = e["livekit_egress_id"].as_str().unwrap();
    // LiveKit's egress used its own default storage: nothing for the fake to upload to.
    env.fake.set_egress_status(lk, "EGRESS_COMPLETE");
    let hook = json!({"event": "egress_ended", "id": "EV_nv", "room": {"sid": "RM_1", "name": format!("{project}__show")},
        "egressInfo": {"egressId": lk, "roomName": format!("{project}__show"), "status": "EGRESS_COMPLETE",
            "fileResults": [{"filename": "x.mp4", "size": "4096", "duration": "1000000000", "location": "s3://own/x.mp4"}]}});
    assert_eq!(env.livekit_webhook(&hook), 200);
    let got = rx.wait_for(10, |g| !g.is_empty());
    let rec = &got[0].json["data"]["recording"];
    assert_eq!(got[0].json["event"], "recording_available");
    assert_eq!((rec["verified"].as_bool(), rec["verification"].as_str()), (Some(false), Some("not_verified")), "{rec}");
    assert!(rec["detail"].as_str().unwrap().contains("no [storage] is configured"), "{rec}");
    assert_eq!(rec["size_bytes"], 4096, "LiveKit's own figure, when pulse could not look");
}

/// The store is out of reach when the egress ends: the check waits (no event), survives the
/// daemon being SIGKILLed, and once the store is back the next daemon verifies the recording.
#[test]
fn an_unreachable_store_is_retried_durably_until_it_answers() {
    let Some(s3) = S3Server::start() else { return };
    let env = TestEnv::start();
    env.rt.block_on(s3.create_bucket(BUCKET));
    let gate = env.rt.block_on(Gate::start(&s3.endpoint));
    let rx = env.receiver();
    let dir = tempfile::tempdir().unwrap();
    let daemon_env = [
        ("PULSE_ADMIN_TOKEN", ADMIN_TOKEN),
        ("PULSE_WEBHOOKS_ALLOWED_CIDRS", "127.0.0.0/8"),
        ("PULSE_LIVEKIT_RECONCILE_INTERVAL", "1h"),
        ("PULSE_STORAGE_PROVIDER", "s3"),
        ("PULSE_STORAGE_BUCKET", BUCKET),
        ("PULSE_STORAGE_REGION", REGION),
        ("PULSE_STORAGE_ENDPOINT", &gate.endpoint),
        ("PULSE_STORAGE_ACCESS_KEY_ID", ACCESS_KEY),
        ("PULSE_STORAGE_SECRET_ACCESS_KEY", SECRET_KEY),
        ("PULSE_STORAGE_FORCE_PATH_STYLE", "true"),
    ];
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env);
    let created = env.project_at(&url, &json!({"name": "acme", "webhook_url": rx.url}));
    rx.trust(created["webhook_endpoint"]["secret"].as_str().unwrap());
    let project = created["project"]["project_id"].as_str().unwrap().to_string();
    let key = created["api_key"].as_str().unwrap().to_string();
    let run = |url: &str, args: &[&str]| env.pulse_env(&[("PULSE_URL", url), ("PULSE_API_KEY", &key)], args);

    let e = run(&url, &["egress", "start", "--room", "show", "--output", "hls", "--filename", "later", "--json"])
        .code(0)
        .json();
    let id = e["egress_id"].as_str().unwrap().to_string();
    let lk = e["livekit_egress_id"].as_str().unwrap().to_string();
    let info = env.rt.block_on(env.fake.complete_egress(&lk, Upload::Full));
    gate.set_open(false);
    let hook = json!({"event": "egress_ended", "id": "EV_late", "room": {"sid": "RM_1", "name": format!("{project}__show")},
        "egressInfo": camel(&info)});
    assert_eq!(env.livekit_webhook_at(&url, &hook), 200);
    let pending = eventually(15, "a failed look at the store", || {
        let e = run(&url, &["egress", "get", &id, "--json"]).json();
        (e["recording"]["attempts"].as_u64() >= Some(2)).then_some(e)
    });
    assert_eq!(pending["recording"]["verification"], "pending", "{pending}");
    assert!(pending["recording"]["detail"].as_str().unwrap().contains("store"), "{pending}");
    assert!(pending["recording"]["next_check_at"].is_string());
    assert!(rx.got().iter().all(|r| !r.json["event"].as_str().unwrap().starts_with("recording_")), "no verdict yet");

    child.kill().unwrap();
    child.wait().unwrap();
    gate.set_open(true);
    let (mut child, url) = spawn_daemon(&env, dir.path(), &daemon_env);
    let got = rx.wait_for(30, |g| g.iter().any(|r| r.json["event"] == "recording_available"));
    let rec = &got.iter().find(|r| r.json["event"] == "recording_available").unwrap().json["data"]["recording"];
    assert_eq!((rec["verified"].as_bool(), rec["segments"].as_u64()), (Some(true), Some(3)), "{rec}");
    let e = run(&url, &["egress", "get", &id, "--json"]).json();
    assert_eq!(e["recording"]["verification"], "verified", "{e}");
    assert!(e["recording"]["attempts"].as_u64() >= Some(2));
    child.kill().unwrap();
    let _ = child.wait();
}

/// The whole path, as an operator meets it: a rule records `live-*` rooms to HLS with a grid;
/// LiveKit reports a room twice and the reconciler sees it too, and one egress starts with the
/// rule's options; it ends with its upload in the bucket (`recording_available`), and the
/// next session's ends with nothing there (`recording_failed`), at every subscribed endpoint.
#[test]
fn a_rule_records_a_room_and_its_end_is_verified_in_the_bucket() {
    let Some(s3) = S3Server::start() else { return };
    let env = TestEnv::start_with(with_storage(s3.endpoint.clone()));
    env.rt.block_on(s3.create_bucket(BUCKET));
    let (project, key) = env.project("acme");
    let (rx_all, rx_rec) = (env.receiver(), env.receiver());
    let (_, s1) = env.endpoint(&key, &rx_all.url, &[]);
    let (_, s2) = env.endpoint(&key, &rx_rec.url, &["recording_available", "recording_failed"]);
    rx_all.trust(&s1);
    rx_rec.trust(&s2);
    let rule = env.pulse(&key, &["rules", "add", "--rooms", "live-*", "--output", "hls", "--layout", "grid", "--json"]);
    let rule_id = rule.code(0).json()["rule_id"].as_str().unwrap().to_string();

    let session = |sid: &str, ev: &str| {
        let body =
            json!({"event": "room_started", "id": ev, "room": {"sid": sid, "name": format!("{project}__live-1")}});
        assert_eq!(env.livekit_webhook(&body), 200);
        assert_eq!(env.livekit_webhook(&body), 200, "the same webhook again");
        env.fake.set_rooms(vec![json!({"sid": sid, "name": format!("{project}__live-1"), "numParticipants": 1})]);
        env.rt.block_on(env.state().core.reconcile_once());
    };
    session("RM_one", "EV_r1");
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts.len(), 1, "one egress for the session");
    assert_eq!(starts[0].body["layout"], "grid");
    assert_eq!(starts[0].body["segmentOutputs"][0]["s3"]["bucket"], BUCKET);
    let list = env.pulse(&key, &["egress", "list", "--json"]).code(0).json();
    let first = list[0].clone();
    assert_eq!((first["rule_id"].as_str(), first["room_name"].as_str()), (Some(rule_id.as_str()), Some("live-1")));

    let end = |egress: &Value, upload: Upload, ev: &str| {
        let lk = egress["livekit_egress_id"].as_str().unwrap();
        let info = env.rt.block_on(env.fake.complete_egress(lk, upload));
        let hook = json!({"event": "egress_ended", "id": ev, "room": {"sid": "RM_x", "name": format!("{project}__live-1")},
            "egressInfo": camel(&info)});
        assert_eq!(env.livekit_webhook(&hook), 200);
    };
    end(&first, Upload::Full, "EV_e1");
    rx_rec.wait_for(20, |g| !g.is_empty());

    session("RM_two", "EV_r2");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 2, "a new session is recorded again");
    let list = env.pulse(&key, &["egress", "list", "--json"]).code(0).json();
    let second = list.as_array().unwrap().iter().find(|e| e["egress_id"] != first["egress_id"]).unwrap().clone();
    end(&second, Upload::Nothing, "EV_e2");
    let got = rx_rec.wait_for(20, |g| g.len() >= 2);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(rx_rec.got().len(), 2, "one verdict per recording");
    let verdict = |id: &Value| {
        got.iter().find(|r| r.json["data"]["egress"]["egress_id"] == *id).unwrap().json["event"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(verdict(&first["egress_id"]), "recording_available");
    assert_eq!(verdict(&second["egress_id"]), "recording_failed");
    let all = rx_all.wait_for(20, |g| {
        g.iter().filter(|r| r.json["event"].as_str().unwrap().starts_with("recording_")).count() >= 2
    });
    for kind in ["room_started", "egress_ended", "recording_available", "recording_failed"] {
        assert!(all.iter().any(|r| r.json["event"] == kind), "the all-events endpoint got {kind}");
    }
}

#[test]
fn one_egress_with_hls_mp4_rtmp_and_images_is_one_request_and_each_file_output_is_verified() {
    let Some((_s3, env, project, key, rx)) = with_bucket(&["recording_available", "recording_failed"]) else { return };
    let args = [
        "--output",
        "hls,file",
        "--output",
        "rtmp",
        "--output",
        "images",
        "--rtmp-url",
        "rtmp://live.example.com/app/sk_multi",
        "--image-every",
        "5s",
        "--image-size",
        "640x360",
        "--filename",
        "multi",
    ];
    let e = record(&env, &key, &project, &args, Upload::Full, "EV_multi");
    assert_eq!(e["outputs"], json!(["hls", "file", "rtmp", "images"]), "{e}");
    assert_eq!(e["output_type"], "hls");

    // One LiveKit request with one output of each kind (the fake checks it against LiveKit's
    // protocol types and refuses two of a kind, as LiveKit does).
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts.len(), 1);
    let body = &starts[0].body;
    assert_eq!(body["segmentOutputs"][0]["playlistName"], format!("{project}/hls/multi/index.m3u8"));
    assert_eq!(body["fileOutputs"][0]["filepath"], format!("{project}/recordings/multi.mp4"));
    assert_eq!(body["streamOutputs"][0]["urls"][0], "rtmp://live.example.com/app/sk_multi");
    let images = &body["imageOutputs"][0];
    assert_eq!((images["captureInterval"].as_u64(), images["width"].as_u64()), (Some(5), Some(640)), "{images}");
    assert_eq!(images["filenamePrefix"], format!("{project}/images/multi/snapshot"));
    assert_eq!(images["s3"]["bucket"], BUCKET);

    // Both file outputs are looked for; the verdict names each.
    let got = rx.wait_for(20, |g| !g.is_empty());
    assert_eq!(got[0].json["event"], "recording_available", "{}", got[0].body);
    let rec = &got[0].json["data"]["recording"];
    assert_eq!(rec["verified"], true, "{rec}");
    let outputs: Vec<(&str, &str)> = rec["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["output_type"].as_str().unwrap(), o["object_key"].as_str().unwrap()))
        .collect();
    let (hls_key, mp4_key) = (format!("{project}/hls/multi/index.m3u8"), format!("{project}/recordings/multi.mp4"));
    assert_eq!(outputs, [("hls", hls_key.as_str()), ("file", mp4_key.as_str())]);
    assert_eq!(rec["outputs"][1]["url"], format!("https://cdn.test/{mp4_key}"));
    assert!(rec["size_bytes"].as_u64().unwrap() > 3 * 188 * 40 + 4096, "the segments, the playlist and the MP4: {rec}");

    // The egress shows its snapshots: LiveKit reported three, the latest has a CDN URL.
    let got = env.pulse(&key, &["egress", "get", e["egress_id"].as_str().unwrap(), "--json"]).code(0).json();
    assert_eq!(got["images"]["count"], 3, "{got}");
    let latest = format!("https://cdn.test/{project}/images/multi/snapshot_00002.jpeg");
    assert_eq!(got["images"]["latest_url"], latest.as_str());
    assert!(!got.to_string().contains("sk_multi"), "the stream key is masked: {got}");
    let table = env.pulse(&key, &["egress", "list"]).code(0).stdout.clone();
    assert!(table.contains("hls+file+rtmp+images"), "{table}");
}
