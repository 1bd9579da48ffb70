//! Egress through the CLI: the whole lifecycle, the exact Twirp JSON pulse sends, bad input,
//! and LiveKit failing in each way it can.

use serde_json::json;

use super::support::{Progress, TestEnv, closed_port_url};

#[test]
fn hls_lifecycle_start_wait_get_list_stop() {
    let env = TestEnv::start();
    let (project, key) = env.project("acme");
    let run = env.pulse(
        &key,
        &[
            "egress",
            "start",
            "--room",
            "live-event",
            "--output",
            "hls",
            "--layout",
            "grid",
            "--filename",
            "live-event-2025",
            "--wait",
            "--timeout",
            "20s",
            "--json",
        ],
    );
    run.code(0);
    let e = run.json();
    let id = e["egress_id"].as_str().unwrap().to_string();
    assert!(id.starts_with("eg_"));
    assert_eq!(e["status"], "active");
    assert_eq!(e["livekit_status"], "EGRESS_ACTIVE");
    assert_eq!(e["room_name"], "live-event", "the API shows the project's own room name");
    assert_eq!(e["project_id"], project.as_str());
    assert_eq!(e["cdn_playback_url"], format!("https://cdn.test/{project}/hls/live-event-2025/index.m3u8"));
    assert!(e["started_at"].is_string());
    for k in [
        "egress_id",
        "livekit_egress_id",
        "project_id",
        "room_name",
        "egress_type",
        "output_type",
        "layout_type",
        "filename",
        "status",
        "livekit_status",
        "cdn_playback_url",
        "file_url",
        "rtmp_urls",
        "error",
        "created_at",
        "started_at",
        "ended_at",
        "updated_at",
    ] {
        assert!(e.get(k).is_some(), "Egress object lacks {k}: {e}");
    }

    // Exactly what LiveKit received, and the token it came with.
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts.len(), 1);
    assert_eq!(starts[0].content_type, "application/json");
    assert_eq!(
        starts[0].body,
        json!({
            "roomName": format!("{project}__live-event"),
            "layout": "grid",
            "segmentOutputs": [{
                "protocol": "HLS_PROTOCOL",
                "filenamePrefix": format!("{project}/hls/live-event-2025/segment"),
                "playlistName": format!("{project}/hls/live-event-2025/index.m3u8"),
                "livePlaylistName": format!("{project}/hls/live-event-2025/live.m3u8"),
                "segmentDuration": 6
            }]
        })
    );
    let claims = &starts[0].claims;
    assert_eq!(claims["iss"], "devkey");
    assert_eq!(claims["video"], json!({"roomRecord": true}), "exactly the grant egress needs");
    assert!(claims["exp"].as_u64().unwrap() > claims["nbf"].as_u64().unwrap());

    // get by pulse id and by LiveKit id
    let got = env.pulse(&key, &["egress", "get", &id, "--json"]);
    got.code(0);
    assert_eq!(got.json()["egress_id"], id.as_str());
    let lk = e["livekit_egress_id"].as_str().unwrap();
    assert_eq!(env.pulse(&key, &["egress", "get", lk, "--json"]).json()["egress_id"], id.as_str());

    // list: JSON is the data array; -q prints ids; the table has a header
    let list = env.pulse(&key, &["egress", "list", "--json"]);
    assert_eq!(list.json().as_array().unwrap().len(), 1);
    assert_eq!(env.pulse(&key, &["egress", "list", "-q"]).stdout, format!("{id}\n"));
    let table = env.pulse(&key, &["egress", "list"]);
    assert!(table.stdout.contains("EGRESS ID") && table.stdout.contains(&id), "{}", table.stdout);

    // stop --wait ends it; stopping again is a conflict (exit 6)
    let stop = env.pulse(&key, &["egress", "stop", &id, "--wait", "--json"]);
    stop.code(0);
    assert_eq!(stop.json()["status"], "ended");
    assert!(stop.json()["ended_at"].is_string());
    assert_eq!(env.fake.requests_to("StopEgress")[0].body, json!({"egressId": lk}));
    let again = env.pulse(&key, &["egress", "stop", &id]);
    again.code(6);
    assert!(again.stderr.starts_with("pulse: error: ") && again.stderr.contains("already ended"), "{}", again.stderr);
}

#[test]
fn rtmp_stream_keys_are_masked_after_creation() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let run = env.pulse(
        &key,
        &[
            "egress",
            "start",
            "--room",
            "stage",
            "--output",
            "rtmp",
            "--rtmp-url",
            "rtmp://a.example/live/SECRETKEY1",
            "--rtmp-url",
            "rtmps://b.example:443/app/SECRETKEY2",
            "--json",
        ],
    );
    run.code(0);
    let e = run.json();
    assert_eq!(e["rtmp_urls"], json!(["rtmp://a.example/live/****", "rtmps://b.example:443/app/****"]));
    assert_eq!(e["filename"], json!(null));
    let sent = &env.fake.requests_to("StartRoomCompositeEgress")[0].body;
    assert_eq!(
        sent["streamOutputs"],
        json!([{"protocol": "RTMP", "urls": ["rtmp://a.example/live/SECRETKEY1", "rtmps://b.example:443/app/SECRETKEY2"]}])
    );
    assert_eq!(sent["layout"], "speaker", "speaker is the default layout");
    let id = e["egress_id"].as_str().unwrap();
    let got = env.pulse(&key, &["egress", "get", id, "--json"]);
    assert!(!got.stdout.contains("SECRETKEY"), "{}", got.stdout);
    let store_bytes: Vec<u8> = walk(env.data_dir());
    assert!(!String::from_utf8_lossy(&store_bytes).contains("SECRETKEY"), "stream keys never reach the store");
}

fn walk(dir: &std::path::Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.extend(std::fs::read(&p).unwrap_or_default());
        }
    }
    out
}

#[test]
fn track_composite_and_track_egress_requests() {
    let env = TestEnv::start();
    let (project, key) = env.project("acme");
    env.pulse(
        &key,
        &[
            "egress",
            "start",
            "--room",
            "r",
            "--output",
            "file",
            "--type",
            "track_composite",
            "--audio-track",
            "TR_a",
            "--video-track",
            "TR_v",
            "--filename",
            "mix",
            "--preset",
            "H264_1080P_30",
        ],
    )
    .code(0);
    assert_eq!(
        env.fake.requests_to("StartTrackCompositeEgress")[0].body,
        json!({
            "roomName": format!("{project}__r"), "audioTrackId": "TR_a", "videoTrackId": "TR_v", "preset": "H264_1080P_30",
            "fileOutputs": [{"fileType": "MP4", "filepath": format!("{project}/recordings/mix.mp4")}]
        })
    );
    let run = env.pulse(
        &key,
        &[
            "egress",
            "start",
            "--room",
            "r",
            "--output",
            "file",
            "--type",
            "track",
            "--track",
            "TR_x",
            "--filename",
            "raw",
            "--json",
        ],
    );
    run.code(0);
    assert_eq!(run.json()["file_url"], format!("https://cdn.test/{project}/recordings/raw.mp4"));
    assert_eq!(
        env.fake.requests_to("StartTrackEgress")[0].body,
        json!({
            "roomName": format!("{project}__r"), "trackId": "TR_x", "file": {"filepath": format!("{project}/recordings/raw.mp4")}
        })
    );
}

#[test]
fn storage_settings_travel_with_hls_and_file_outputs() {
    let env = TestEnv::start_with(Box::new(|c, _| {
        c.storage.provider = Some("r2".into());
        c.storage.bucket = Some("media".into());
        c.storage.endpoint = Some("https://acct.r2.cloudflarestorage.com".into());
        c.storage.access_key_id = Some("AKID".into());
        c.storage.secret_access_key = Some("S3CRET".into());
    }));
    let (_, key) = env.project("acme");
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--json"]);
    run.code(0);
    assert!(!run.stdout.contains("S3CRET") && !run.stdout.contains("AKID"));
    let sent = &env.fake.requests_to("StartRoomCompositeEgress")[0].body;
    assert_eq!(
        sent["segmentOutputs"][0]["s3"],
        json!({
            "accessKey": "AKID", "secret": "S3CRET", "region": "auto", "endpoint": "https://acct.r2.cloudflarestorage.com",
            "bucket": "media", "forcePathStyle": true
        })
    );
    let filename = run.json()["filename"].as_str().unwrap().to_string();
    let id = run.json()["egress_id"].as_str().unwrap().to_string();
    assert!(filename.starts_with("r-") && filename.len() == "r-yyyymmdd-hhmmss-xxxxxx".len(), "{filename}");
    assert!(filename.ends_with(&id[id.len() - 6..]), "the egress id's tail keeps same-second starts apart");
}

#[test]
fn bad_input_is_refused_naming_the_field_and_changes_nothing() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let cases: &[(&[&str], &str)] = &[
        (&["--room", "r", "--output", "rtmp"], "rtmp_urls"),
        (&["--room", "r", "--output", "rtmp", "--rtmp-url", "http://x/y"], "rtmp_urls"),
        (&["--room", "r", "--output", "hls", "--filename", "../etc"], "filename"),
        (&["--room", "r", "--output", "hls", "--type", "track", "--track", "TR_1"], "output_type"),
        (&["--room", "r", "--output", "file", "--type", "track"], "track_id"),
        (&["--room", "r", "--output", "file", "--type", "track_composite"], "audio_track_id"),
        (&["--room", "r", "--output", "hls", "--preset", "H265_8K"], "preset"),
        (&["--room", "r", "--output", "hls", "--audio-only", "--video-only"], "video_only"),
        (&["--room", "r", "--output", "hls,hls"], "outputs"),
        (&["--room", "r", "--output", "hls", "--image-every", "5s"], "image_interval_secs"),
        (&["--room", "r", "--output", "hls,images", "--image-every", "2h"], "image_interval_secs"),
        (&["--room", "r", "--output", "hls,images", "--image-size", "8x8"], "image_width"),
        (&["--room", "r", "--output", "file,rtmp"], "rtmp_urls"),
        (&["--room", "r", "--output", "file,hls", "--type", "track", "--track", "TR_1"], "output_type"),
    ];
    for (args, field) in cases {
        let mut full = vec!["egress", "start"];
        full.extend_from_slice(args);
        let run = env.pulse(&key, &full);
        run.code(6);
        assert!(run.stderr.contains(field), "{args:?} should name {field}: {}", run.stderr);
    }
    // The same through the API: missing, unknown and oversize.
    let auth = Some(("x-pulse-key", key.as_str()));
    let (s, _, v) = env.api("POST", "/v1/media/egress/start", auth, Some(b"{}".to_vec()));
    assert_eq!(
        (s, v["error"]["code"].as_str(), v["error"]["field"].as_str()),
        (400, Some("invalid_argument"), Some("room_name"))
    );
    assert_eq!(v["error"]["message"], "room_name is required");
    let (s, _, v) = env.api(
        "POST",
        "/v1/media/egress/start",
        auth,
        Some(br#"{"room_name":"r","output_type":"hls","colour":"red"}"#.to_vec()),
    );
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("colour")), "{v}");
    let body = br#"{"room_name":"r","output_type":"file","outputs":["hls","file"]}"#.to_vec();
    let (s, _, v) = env.api("POST", "/v1/media/egress/start", auth, Some(body));
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("output_type")), "{v}");
    let (s, _, v) =
        env.api("POST", "/v1/media/egress/start", auth, Some(br#"{"room_name":"r","outputs":[]}"#.to_vec()));
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("outputs")), "{v}");
    let (s, _, v) = env.api("POST", "/v1/media/egress/start", auth, Some(br#"{"room_name": 5}"#.to_vec()));
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("room_name")), "{v}");
    let (s, _, v) = env.api("POST", "/v1/media/egress/start", auth, Some(b"{not json".to_vec()));
    assert_eq!(s, 400, "{v}");
    let big = format!(r#"{{"room_name":"{}"}}"#, "x".repeat(1024 * 1024));
    let (s, _, v) = env.api("POST", "/v1/media/egress/start", auth, Some(big.into_bytes()));
    assert_eq!((s, v["error"]["code"].as_str()), (413, Some("payload_too_large")));
    // Nothing reached LiveKit, nothing was stored.
    assert!(env.fake.calls().is_empty());
    assert_eq!(env.pulse(&key, &["egress", "list", "--json"]).json(), json!([]));
}

#[test]
fn livekit_refusal_is_explained_and_the_record_marked_failed() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let run = env.pulse(&key, &["egress", "start", "--room", "no-such-room", "--output", "hls"]);
    run.code(6);
    assert!(run.stderr.contains("requested room does not exist"), "{}", run.stderr);
    let failed = env.pulse(&key, &["egress", "list", "--status", "failed", "--json"]).json();
    assert_eq!(failed.as_array().unwrap().len(), 1, "the pending record became failed");
    assert!(failed[0]["error"].as_str().unwrap().contains("requested room does not exist"));

    env.fake.fail_next(503, "unavailable", "no response from servers");
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--start-attempts", "1"]);
    run.code(7);
    assert!(run.stderr.contains("no response from servers"), "{}", run.stderr);
}

#[test]
fn a_start_livekit_fails_is_retried_with_backoff_and_its_attempts_shown() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    // Twice out of egress workers, then started: one egress, three starts, the same keys.
    env.fake.fail_times(2, 503, "unavailable", "no egress workers available");
    let run =
        env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--wait", "--timeout", "30s", "--json"]);
    run.code(0);
    let e = run.json();
    assert_eq!(e["status"], "active", "{e}");
    assert_eq!(e["start_retry"]["attempts"], 3, "{e}");
    assert!(e["start_retry"]["next_attempt_at"].is_null(), "{e}");
    let starts = env.fake.requests_to("StartRoomCompositeEgress");
    assert_eq!(starts.len(), 3);
    assert!(starts.windows(2).all(|w| w[0].body == w[1].body), "every attempt sends the same request");
    assert_eq!(env.pulse(&key, &["egress", "list", "--json"]).json().as_array().unwrap().len(), 1);

    // LiveKit started it but its answer was lost: the next attempt finds it and adopts it.
    env.fake.lose_next_answer();
    let run =
        env.pulse(&key, &["egress", "start", "--room", "s", "--output", "hls", "--wait", "--timeout", "30s", "--json"]);
    run.code(0);
    let e = run.json();
    assert_eq!(e["status"], "active", "{e}");
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 4, "not started twice");

    // Out of attempts: failed, saying how many and why.
    env.fake.fail_times(2, 503, "unavailable", "no egress workers available");
    let run = env.pulse(
        &key,
        &[
            "egress",
            "start",
            "--room",
            "t",
            "--output",
            "hls",
            "--start-attempts",
            "2",
            "--wait",
            "--timeout",
            "30s",
            "--json",
        ],
    );
    run.code(8);
    let failed = env.pulse(&key, &["egress", "list", "--status", "failed", "--json"]).json();
    let err = failed[0]["error"].as_str().unwrap();
    assert!(err.contains("no egress workers available") && err.contains("after 2 attempts"), "{err}");
}

#[test]
fn livekit_down_is_exit_7_naming_the_url() {
    let lk = closed_port_url();
    let lk2 = lk.clone();
    let env = TestEnv::start_with(Box::new(move |c, _| c.livekit.url = lk2));
    let (_, key) = env.project("acme");
    // One attempt asked for: the failure is the answer.
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--start-attempts", "1"]);
    run.code(7);
    assert!(run.stderr.contains(&lk) && run.stderr.contains("could not be reached"), "{}", run.stderr);
    // By default the start waits to be tried again, and says why.
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--json"]);
    run.code(0);
    let e = run.json();
    assert_eq!(e["status"], "pending");
    assert_eq!((e["start_retry"]["attempts"].as_u64(), e["start_retry"]["max_attempts"].as_u64()), (Some(1), Some(5)));
    assert!(e["start_retry"]["last_error"].as_str().unwrap().contains(&lk), "{e}");
    assert!(e["start_retry"]["next_attempt_at"].is_string(), "{e}");
    let status = env.pulse(&key, &["status", "--json"]);
    status.code(0);
    assert_eq!(status.json()["livekit"]["reachable"], false);
}

#[test]
fn wrong_livekit_secret_is_a_plain_text_401_reported_as_upstream() {
    let env = TestEnv::start_with(Box::new(|c, _| c.livekit.api_secret = "not-the-secret".into()));
    let (_, key) = env.project("acme");
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls"]);
    run.code(7);
    assert!(
        run.stderr.contains("refused pulse's credentials") && run.stderr.contains("invalid authorization token"),
        "{}",
        run.stderr
    );
}

#[test]
fn wait_times_out_with_exit_8_and_a_failed_egress_is_exit_8() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    env.fake.set_progress(Progress::Stuck);
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--wait", "--timeout", "1s"]);
    run.code(8);
    assert!(run.stderr.contains("timed out"), "{}", run.stderr);
    env.fake.set_progress(Progress::Fail);
    let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--wait", "--timeout", "20s"]);
    run.code(8);
    assert!(run.stderr.contains("no tracks published"), "{}", run.stderr);
}

#[test]
fn stop_of_an_egress_livekit_already_ended_is_a_conflict() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    env.fake.set_progress(Progress::Stuck);
    let e = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--json"]).json();
    let lk = e["livekit_egress_id"].as_str().unwrap();
    env.fake.set_egress_status(lk, "EGRESS_COMPLETE");
    let run = env.pulse(&key, &["egress", "stop", e["egress_id"].as_str().unwrap()]);
    run.code(6);
    assert!(run.stderr.contains("already ended"), "{}", run.stderr);
}

#[test]
fn a_project_storage_override_is_used_and_never_echoed() {
    let env = TestEnv::start();
    let bearer = format!("Bearer {}", super::support::ADMIN_TOKEN);
    let body = json!({"name": "own-bucket", "storage": {"provider": "s3", "bucket": "acme-media", "region": "eu-west-1",
        "access_key_id": "PROJECTAK", "secret_access_key": "PROJECTSK"}});
    let (s, _, v) =
        env.api("POST", "/v1/projects", Some(("authorization", &bearer)), Some(body.to_string().into_bytes()));
    assert_eq!(s, 201, "{v}");
    assert!(!v.to_string().contains("PROJECTSK") && !v.to_string().contains("PROJECTAK"));
    assert_eq!(v["project"]["storage"]["bucket"], "acme-media");
    let key = v["api_key"].as_str().unwrap();
    let run = env.pulse(key, &["egress", "start", "--room", "r", "--output", "file", "--json"]);
    run.code(0);
    let s3 = &env.fake.requests_to("StartRoomCompositeEgress")[0].body["fileOutputs"][0]["s3"];
    assert_eq!(
        s3,
        &json!({"accessKey": "PROJECTAK", "secret": "PROJECTSK", "region": "eu-west-1", "bucket": "acme-media", "forcePathStyle": false})
    );
    let bad = json!({"name": "x", "storage": {"provider": "s3", "bucket": "Bad_Bucket", "region": "eu-west-1", "access_key_id": "a", "secret_access_key": "b"}});
    let (s, _, v) =
        env.api("POST", "/v1/projects", Some(("authorization", &bearer)), Some(bad.to_string().into_bytes()));
    assert_eq!((s, v["error"]["field"].as_str()), (400, Some("storage.bucket")), "{v}");
}

#[test]
fn rtmp_targets_are_added_and_removed_while_the_egress_runs() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let start = ["egress", "start", "--room", "stage", "--output", "rtmp", "--json", "--wait", "--timeout", "20s"];
    let run = env.pulse(&key, &[&start[..], &["--rtmp-url", "rtmp://yt.example/live/YTKEY"]].concat());
    run.code(0);
    let e = run.json();
    let (id, lk) = (e["egress_id"].as_str().unwrap(), e["livekit_egress_id"].as_str().unwrap());
    assert_eq!(e["status"], "active");

    let up = env.pulse(
        &key,
        &[
            "egress",
            "update",
            id,
            "--add-rtmp",
            "rtmps://tw.example/app/TWKEY",
            "--remove-rtmp",
            "rtmp://yt.example/live/YTKEY",
            "--json",
        ],
    );
    up.code(0);
    assert_eq!(up.json()["rtmp_urls"], json!(["rtmps://tw.example/app/****"]));
    assert!(!up.stdout.contains("TWKEY") && !up.stderr.contains("TWKEY"), "the new key is not shown back");
    // Exactly LiveKit's UpdateStream, with the full URLs; LiveKit now sends to the new target.
    let sent = &env.fake.requests_to("UpdateStream")[0].body;
    assert_eq!(
        *sent,
        json!({"egressId": lk, "addOutputUrls": ["rtmps://tw.example/app/TWKEY"], "removeOutputUrls": ["rtmp://yt.example/live/YTKEY"]})
    );
    assert_eq!(env.fake.stream_urls(lk), ["rtmps://tw.example/app/TWKEY"]);
    let got = env.pulse(&key, &["egress", "get", id, "--json"]).json();
    assert_eq!(got["rtmp_urls"], json!(["rtmps://tw.example/app/****"]));
    assert!(!String::from_utf8_lossy(&walk(env.data_dir())).contains("TWKEY"), "stream keys never reach the store");

    // What cannot be done is refused by name and changes nothing.
    let calls = env.fake.requests_to("UpdateStream").len();
    let bad = env.pulse(&key, &["egress", "update", id, "--remove-rtmp", "rtmp://nope.example/live/K"]);
    bad.code(6);
    assert!(bad.stderr.contains("remove_rtmp_urls"), "{}", bad.stderr);
    let last = env.pulse(&key, &["egress", "update", id, "--remove-rtmp", "rtmps://tw.example/app/TWKEY"]);
    last.code(6);
    assert!(last.stderr.contains("stop it instead"), "{}", last.stderr);
    env.pulse(&key, &["egress", "update", id]).code(2);
    let hls = env.pulse(&key, &["egress", "start", "--room", "stage", "--output", "hls", "--json"]).json();
    let not_rtmp = env
        .pulse(&key, &["egress", "update", hls["egress_id"].as_str().unwrap(), "--add-rtmp", "rtmp://x.example/a/k"]);
    not_rtmp.code(6);
    assert!(not_rtmp.stderr.contains("only an rtmp egress"), "{}", not_rtmp.stderr);
    assert_eq!(env.fake.requests_to("UpdateStream").len(), calls);

    env.pulse(&key, &["egress", "stop", id, "--wait", "--timeout", "20s"]).code(0);
    let ended = env.pulse(&key, &["egress", "update", id, "--add-rtmp", "rtmp://x.example/a/k"]);
    ended.code(6);
    assert!(ended.stderr.contains("has already"), "{}", ended.stderr);
}

#[test]
fn an_egress_is_stopped_at_its_max_duration() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let start = ["egress", "start", "--room", "r", "--output", "hls", "--max-duration", "2s", "--wait", "--json"];
    let e = env.pulse(&key, &start).json();
    assert_eq!((e["status"].as_str(), e["max_duration_secs"].as_u64()), (Some("active"), Some(2)), "{e}");
    let id = e["egress_id"].as_str().unwrap().to_string();
    let lk = e["livekit_egress_id"].as_str().unwrap().to_string();
    super::support::eventually(15, "the stop at max_duration", || {
        env.fake.requests_to("StopEgress").iter().any(|r| r.body["egressId"] == lk.as_str()).then_some(())
    });
    let got = env.pulse(&key, &["egress", "get", &id, "--json"]).json();
    assert!(["stopping", "ended"].contains(&got["status"].as_str().unwrap()), "{got}");
    // Refused by name: too short, too long, not a duration.
    for bad in ["0s", "8d", "soon"] {
        let run = env.pulse(&key, &["egress", "start", "--room", "r", "--output", "hls", "--max-duration", bad]);
        run.code(6);
        assert!(run.stderr.contains("max_duration"), "{}", run.stderr);
    }
    assert_eq!(env.fake.requests_to("StartRoomCompositeEgress").len(), 1);
}
