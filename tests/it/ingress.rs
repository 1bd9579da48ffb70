//! Ingress through the CLI: create (key shown once), get (masked), list, soft delete.

use serde_json::json;

use super::support::TestEnv;

#[test]
fn rtmp_lifecycle_key_shown_once() {
    let env = TestEnv::start();
    let (project, key) = env.project("acme");
    let run = env.pulse(
        &key,
        &["ingress", "create", "--room", "stream-room", "--type", "rtmp", "--participant", "streamer1", "--json"],
    );
    run.code(0);
    let i = run.json();
    let id = i["ingress_id"].as_str().unwrap().to_string();
    assert!(id.starts_with("in_"));
    let lk = i["livekit_ingress_id"].as_str().unwrap();
    let real_key = env.fake.ingress(lk).unwrap()["stream_key"].as_str().unwrap().to_string();
    assert_eq!(i["rtmp_stream_key"], real_key.as_str(), "the create answer carries the key");
    assert_eq!(i["rtmp_url"], "rtmp://ingress.fake/x");
    assert_eq!((i["status"].as_str(), i["participant_identity"].as_str()), (Some("inactive"), Some("streamer1")));
    assert_eq!(i["deleted_at"], json!(null));
    let sent = &env.fake.requests_to("CreateIngress")[0];
    assert_eq!(
        sent.body,
        json!({
            "inputType": "RTMP_INPUT", "name": "", "roomName": format!("{project}__stream-room"),
            "participantIdentity": "streamer1", "participantName": "streamer1"
        })
    );
    assert_eq!(sent.claims["video"], json!({"ingressAdmin": true}));

    let got = env.pulse(&key, &["ingress", "get", &id, "--json"]);
    got.code(0);
    let masked = format!("****{}", &real_key[real_key.len() - 4..]);
    assert_eq!(got.json()["rtmp_stream_key"], masked.as_str());
    assert!(!got.stdout.contains(&real_key));
    assert!(!env.pulse(&key, &["ingress", "list", "--json"]).stdout.contains(&real_key));

    let del = env.pulse(&key, &["ingress", "delete", &id, "--json"]);
    del.code(0);
    assert_eq!(del.json()["status"], "deleted");
    assert!(del.json()["deleted_at"].is_string());
    assert_eq!(env.fake.requests_to("DeleteIngress")[0].body, json!({"ingressId": lk}));
    assert_eq!(env.pulse(&key, &["ingress", "list", "--json"]).json(), json!([]));
    let all = env.pulse(&key, &["ingress", "list", "--include-deleted", "--json"]).json();
    assert_eq!(all[0]["ingress_id"], id.as_str());
    env.pulse(&key, &["ingress", "delete", &id]).code(0);
}

#[test]
fn whip_and_url_pull() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let w = env.pulse(
        &key,
        &[
            "ingress",
            "create",
            "--room",
            "r",
            "--type",
            "whip",
            "--participant",
            "cam",
            "--identity",
            "cam-1",
            "--json",
        ],
    );
    w.code(0);
    let whip = w.json();
    assert!(whip["whip_url"].as_str().unwrap().starts_with("http://ingress.fake/w/whipkey"));
    assert_eq!(whip["participant_identity"], "cam-1");
    let got = env.pulse(&key, &["ingress", "get", whip["ingress_id"].as_str().unwrap(), "--json"]).json();
    assert!(got["whip_url"].as_str().unwrap().ends_with("/****wxyz"), "{got}");

    let u = env.pulse(
        &key,
        &[
            "ingress",
            "create",
            "--room",
            "r",
            "--type",
            "url",
            "--participant",
            "feed",
            "--url",
            "https://127.0.0.1/live.m3u8",
            "--json",
        ],
    );
    u.code(0);
    assert_eq!(u.json()["url"], "https://127.0.0.1/live.m3u8");
    assert_eq!(env.fake.requests_to("CreateIngress")[1].body["url"], "https://127.0.0.1/live.m3u8");
}

#[test]
fn bad_ingress_requests() {
    let env = TestEnv::start();
    let (_, key) = env.project("acme");
    let cases: &[(&[&str], &str)] = &[
        (&["--type", "url"], "url"),
        (&["--type", "url", "--url", "ftp://x/y"], "url"),
        (&["--type", "rtmp", "--url", "https://x/y"], "url"),
        (&["--type", "rtmp", "--no-audio", "--no-video"], "audio_enabled"),
    ];
    for (args, field) in cases {
        let mut full = vec!["ingress", "create", "--room", "r", "--participant", "p"];
        full.extend_from_slice(args);
        let run = env.pulse(&key, &full);
        run.code(6);
        assert!(run.stderr.contains(field), "{args:?}: {}", run.stderr);
    }
    assert!(env.fake.calls().is_empty());
}
