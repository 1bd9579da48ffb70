//! What an endpoint asks for beyond its URL and event names, end to end through the real
//! binary: room globs.

use serde_json::json;

use crate::support::{TestEnv, eventually};

#[test]
fn an_endpoint_with_room_globs_gets_only_those_rooms_events() {
    let env = TestEnv::start();
    let (project, key) = env.project("a");
    let (live, all) = (env.receiver(), env.receiver());
    let add = env.pulse(&key, &["webhooks", "endpoints", "add", &live.url, "--rooms", "live-*,stage-?", "--json"]);
    add.code(0);
    let ep = add.json();
    assert_eq!(ep["rooms"], json!(["live-*", "stage-?"]));
    live.trust(ep["secret"].as_str().unwrap());
    let add = env.pulse(&key, &["webhooks", "endpoints", "add", &all.url, "--json"]);
    all.trust(add.json()["secret"].as_str().unwrap());
    assert_eq!(add.json()["rooms"], json!([]));
    // `--room` is the same flag, as on `rules add`; an empty glob is refused, naming the field.
    let bad = env.pulse(&key, &["webhooks", "endpoints", "add", &all.url, "--room", ""]);
    bad.code(6);
    assert!(bad.stderr.contains("rooms"), "{}", bad.stderr);

    for (i, room) in ["live-a", "backstage", "stage-1", "stage-10"].iter().enumerate() {
        let e = json!({"event": "room_started", "id": format!("EV_rooms_{i}"),
            "room": {"sid": format!("RM_{i}"), "name": format!("{project}__{room}")}});
        assert_eq!(env.livekit_webhook(&e), 200);
    }
    let rooms = |rx: &crate::support::receiver::Receiver, n: usize| {
        let got = rx.wait_for(10, |g| g.len() >= n);
        assert!(got.iter().all(|r| r.standard_ok && r.pulse_ok));
        let mut r: Vec<String> = got.iter().map(|r| r.json["room_name"].as_str().unwrap().to_string()).collect();
        r.sort();
        r
    };
    assert_eq!(rooms(&all, 4), ["backstage", "live-a", "stage-1", "stage-10"]);
    assert_eq!(rooms(&live, 2), ["live-a", "stage-1"]);
    // Nothing more arrives for the filtered endpoint.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(live.got().len(), 2);

    // PATCH replaces the globs; [] is every room again.
    let auth = Some(("x-pulse-key", key.as_str()));
    let path = format!("/v1/webhooks/endpoints/{}", ep["endpoint_id"].as_str().unwrap());
    let (status, _, body) = env.api("PATCH", &path, auth, Some(br#"{"rooms": []}"#.to_vec()));
    assert_eq!((status, &body["rooms"]), (200, &json!([])), "{body}");
    let e = json!({"event": "room_started", "id": "EV_rooms_after", "room": {"sid": "RM_x", "name": format!("{project}__backstage")}});
    assert_eq!(env.livekit_webhook(&e), 200);
    eventually(10, "the unfiltered endpoint to get backstage", || (live.got().len() == 3).then_some(()));
    let (status, _, body) = env.api("PATCH", &path, auth, Some(br#"{"rooms": ["a", ""]}"#.to_vec()));
    assert_eq!((status, body["error"]["field"].as_str()), (400, Some("rooms")), "{body}");
}
