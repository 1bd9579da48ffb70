//! The browser console in a real headless Chromium against the real daemon: sign in with a
//! key, find a failed delivery, open it, replay it to a receiver that now answers; console
//! links open one project only, read-mostly, and stop working when they expire; a `--manage`
//! link also adds, edits and removes that project's endpoints and rotates their secrets.

use fantoccini::Locator;
use pulse::daemon::console::Scope;
use serde_json::json;

use super::browser::Browser;
use super::support::receiver::{Behaviour, livekit_token, now};
use super::support::{ADMIN_TOKEN, TestEnv, eventually};

/// A `room_started` for `project`'s room, delivered to its endpoints.
fn room_started(env: &TestEnv, project: &str, id: &str) {
    let body = json!({"event": "room_started", "id": id, "room": {"sid": "RM_1", "name": format!("{project}__stage")}});
    let bytes = body.to_string().into_bytes();
    let n = now();
    let token = livekit_token("devkey", "secret", &bytes, n, n + 300);
    let (status, _, _) = env.api("POST", "/v1/webhooks/livekit", Some(("authorization", &token)), Some(bytes));
    assert_eq!(status, 200);
}

/// The id of `key`'s only delivery, once it has reached `status`.
fn delivery_in(env: &TestEnv, key: &str, status: &str) -> String {
    eventually(20, &format!("a {status} delivery"), || {
        let (_, _, v) = env.api("GET", "/v1/webhooks/logs", Some(("x-pulse-key", key)), None);
        let log = v["data"].as_array()?.first()?.clone();
        (log["status"] == status).then(|| log["id"].as_str().unwrap().to_string())
    })
}

#[test]
fn a_failed_delivery_is_found_opened_and_replayed_in_the_browser() {
    let env = TestEnv::start();
    let (project, key) = env.project("console");
    let rx = env.receiver();
    let (_, secret) = env.endpoint(&key, &rx.url, &["room_started"]);
    rx.trust(&secret);
    // Every scheduled attempt fails (the test schedule has five); the replay will not.
    rx.script(&vec![Behaviour::Status(500); 5]);
    room_started(&env, &project, "EV_console_1");
    let egress = env.pulse(&key, &["egress", "start", "--room", "stage", "--output", "hls", "--json"]).code(0).json();
    // A start LiveKit refuses for now, and one it refuses for good: their attempts show.
    env.fake.fail_next(503, "unavailable", "no egress workers available");
    let args = ["egress", "start", "--room", "retry-room", "--output", "hls,file", "--start-attempts", "3", "--json"];
    let retried = env.pulse(&key, &args).code(0).json();
    env.fake.fail_next(400, "invalid_argument", "template not found");
    env.pulse(&key, &["egress", "start", "--room", "bad-room", "--output", "hls", "--start-attempts", "1"]).code(6);
    let log_id = delivery_in(&env, &key, "failed");
    assert_eq!(rx.got().len(), 5);

    let ran = env.rt.block_on(async {
        let Some(b) = Browser::start().await else { return false };
        b.client.goto(&format!("{}/console", env.url)).await.unwrap();
        b.find("#key").await.send_keys(&key).await.unwrap();
        b.find("#signin-form button[type=submit]").await.click().await.unwrap();
        let row = b.find(&format!("#logs tr[data-id='{log_id}']")).await;
        let text = row.text().await.unwrap();
        assert!(text.contains("room_started") && text.contains("failed") && text.contains("500"), "{text}");
        assert!(text.contains("5 / 5"), "every attempt shown: {text}");
        // The filter finds it too.
        b.client.goto(&format!("{}/console#/logs?status=failed", env.url)).await.unwrap();
        b.find(&format!("#logs tr[data-id='{log_id}']")).await;
        b.screenshot("console-logs.png").await;

        row_click(&b, &log_id).await;
        let payload = b.text_until("#payload", "the payload", |t| t.contains("room_started")).await;
        assert!(payload.contains("\"name\": \"stage\""), "{payload}");
        assert_eq!(b.client.find_all(Locator::Css("#attempts tr.attempt")).await.unwrap().len(), 5);
        let page = b.client.source().await.unwrap();
        assert!(!page.contains(&key) && !page.contains(&secret), "no secret is ever in the page");
        b.screenshot("console-log.png").await;

        b.find("#replay").await.click().await.unwrap();
        let said = b.text_until("#replay-result", "the replay's answer", |t| t.starts_with("Attempt")).await;
        assert!(said.contains("Attempt 6: 200"), "{said}");
        b.text_until("#attempt-count", "six attempts", |t| t.starts_with("6")).await;
        let first = b.find("#attempts tbody tr.attempt").await.text().await.unwrap();
        assert!(first.contains("manual") && first.contains("200"), "the newest attempt first: {first}");

        // Endpoints: the replayed delivery now counts as delivered.
        b.client.goto(&format!("{}/console#/endpoints", env.url)).await.unwrap();
        let row = b.text_until("#endpoints tbody", "the endpoint's rate", |t| t.contains("100 %")).await;
        assert!(row.contains(&rx.url) && row.contains("enabled") && row.contains("1 delivered"), "{row}");
        // Its last seven days, charted from the logs: today has the replayed delivery.
        let bars = b.client.find_all(Locator::Css("#endpoints svg.health rect")).await.unwrap();
        assert_eq!(bars.len(), 7);
        assert_eq!(bars[6].attr("class").await.unwrap().as_deref(), Some("good"));
        assert_eq!(bars[0].attr("class").await.unwrap().as_deref(), Some("none"));
        // Media: the egress, its state and its playback URL as a link.
        b.client.goto(&format!("{}/console#/media", env.url)).await.unwrap();
        let link = b.find(&format!("#egress tr[data-id='{}'] a", egress["egress_id"].as_str().unwrap())).await;
        assert_eq!(link.attr("href").await.unwrap().as_deref(), egress["cdn_playback_url"].as_str());
        let row = b.find(&format!("#egress tr[data-id='{}']", retried["egress_id"].as_str().unwrap())).await;
        let text = row.text().await.unwrap();
        assert!(text.contains("hls + file") && text.contains("of 3") && text.contains("no egress workers"), "{text}");
        let table = b.find("#egress").await.text().await.unwrap();
        assert!(table.contains("failed") && table.contains("template not found"), "{table}");
        // Usage: a bar per day for the last 30 days, each meter's total.
        b.client.goto(&format!("{}/console#/usage", env.url)).await.unwrap();
        let totals = b.text_until("#usage-totals", "the usage totals", |t| t.contains("webhook_deliveries")).await;
        assert!(totals.contains("webhook_deliveries_succeeded"), "{totals}");
        let bars = b.client.find_all(Locator::Css("svg.usage.participants rect")).await.unwrap();
        assert!((30..=32).contains(&bars.len()), "{} days", bars.len());
        true
    });
    if !ran {
        return;
    }
    let got = rx.wait_for(10, |g| g.len() >= 6);
    assert_eq!(got[5].json["event"], "room_started");
    assert!(got[5].standard_ok, "the replay is signed like any delivery");
    let (_, _, log) = env.api("GET", &format!("/v1/webhooks/logs/{log_id}"), Some(("x-pulse-key", &key)), None);
    assert_eq!(log["status"], "delivered", "{log}");
}

async fn row_click(b: &Browser, log_id: &str) {
    // The table is drawn again as it refreshes: a row found a moment before the click can be
    // gone by then (a stale element), and is found again.
    let selector = format!("#logs tr[data-id='{log_id}'] a");
    for _ in 0..50 {
        match b.find(&selector).await.click().await {
            Ok(()) => return,
            Err(e) if format!("{e:?}").contains("StaleElementReference") => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await
            }
            Err(e) => panic!("clicking {selector}: {e}"),
        }
    }
    panic!("{selector} went stale 50 times in a row");
}

#[test]
fn console_links_open_one_project_read_mostly_until_they_expire() {
    let env = TestEnv::start();
    let (a, key_a) = env.project("tenant-a");
    let (b_id, key_b) = env.project("tenant-b");
    let rx = env.receiver();
    for (p, k, ev) in [(&a, &key_a, "EV_a"), (&b_id, &key_b, "EV_b")] {
        let (_, s) = env.endpoint(k, &rx.url, &[]);
        rx.trust(&s);
        room_started(&env, p, ev);
    }
    let log_a = delivery_in(&env, &key_a, "delivered");
    let log_b = delivery_in(&env, &key_b, "delivered");

    // Minted by the CLI with the project's key; the URL carries the token in its fragment.
    let run = env.pulse(&key_a, &["console", "link", "--ttl", "1h"]);
    run.code(0);
    let url = run.stdout.trim().to_string();
    assert!(url.starts_with(&format!("{}/console#link=eyJ", env.url)), "{url}");
    let token = url.split("#link=").nth(1).unwrap().to_string();
    let bearer = format!("Bearer {token}");
    let auth = Some(("authorization", bearer.as_str()));
    // What a link may do: read its project's logs; what it may not: secrets, keys, writes,
    // replays elsewhere, or anything of another project.
    assert_eq!(env.api("GET", "/v1/webhooks/logs", auth, None).0, 200);
    assert_eq!(env.api("GET", &format!("/v1/webhooks/logs/{log_b}"), auth, None).0, 404);
    let (_, _, eps) = env.api("GET", "/v1/webhooks/endpoints", auth, None);
    let ep = eps["data"][0]["endpoint_id"].as_str().unwrap().to_string();
    assert_eq!(env.api("GET", &format!("/v1/webhooks/endpoints/{ep}/secret"), auth, None).0, 403);
    assert_eq!(env.api("GET", &format!("/v1/projects/{a}"), auth, None).0, 401);
    let other = json!({"url": "https://elsewhere.example.com/"}).to_string().into_bytes();
    assert_eq!(env.api("POST", &format!("/v1/webhooks/logs/{log_a}/replay"), auth, Some(other)).0, 403);
    let egress = json!({"room_name": "r", "output_type": "hls"}).to_string().into_bytes();
    assert_eq!(env.api("POST", "/v1/media/egress/start", auth, Some(egress)).0, 403);
    let wrong = json!({"project_id": b_id}).to_string().into_bytes();
    let (s, _, v) = env.api("POST", "/v1/console/links", Some(("x-pulse-key", &key_a)), Some(wrong));
    assert_eq!((s, v["error"]["field"].as_str()), (403, Some("project_id")), "a key links its own project only");

    // One minted an hour ago for ten minutes has expired.
    let (expired, _) = pulse::daemon::console::mint(ADMIN_TOKEN, &a, Scope::Read, 600, pulse::util::unix_now() - 3600);
    assert_eq!(env.api("GET", "/v1/webhooks/logs", Some(("authorization", &format!("Bearer {expired}"))), None).0, 401);

    env.rt.block_on(async {
        let Some(b) = Browser::start().await else { return };
        b.client.goto(&url).await.unwrap();
        b.find(&format!("#logs tr[data-id='{log_a}']")).await;
        let address = b.client.current_url().await.unwrap();
        assert!(!address.as_str().contains("link="), "the token leaves the address bar: {address}");
        // Live: a new delivery appears without a reload.
        let body =
            json!({"event": "room_started", "id": "EV_a2", "room": {"sid": "RM_2", "name": format!("{a}__later")}});
        let bytes = body.to_string().into_bytes();
        let token = livekit_token("devkey", "secret", &bytes, now(), now() + 300);
        let http = pulse::http_client(std::time::Duration::from_secs(10));
        let sent = http.post(format!("{}/v1/webhooks/livekit", env.url)).header("authorization", token).body(bytes);
        assert_eq!(sent.send().await.unwrap().status(), 200);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while b.client.find_all(Locator::Css("#logs tbody tr.link")).await.unwrap().len() < 2 {
            assert!(std::time::Instant::now() < deadline, "the new delivery appeared by itself");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // A phone-sized window: the page never scrolls sideways (wide tables scroll in place).
        b.client.set_window_size(390, 844).await.unwrap();
        let fits = b.client.execute("return document.documentElement.scrollWidth <= window.innerWidth + 1", vec![]);
        assert_eq!(fits.await.unwrap(), serde_json::Value::Bool(true), "the deliveries page fits a phone");
        let who = b.text_until("#who", "the link's banner", |t| t.contains("Read-only")).await;
        assert!(who.contains(&a), "{who}");
        assert!(b.client.find(Locator::Css("#replay-to")).await.is_err(), "no replay elsewhere with a link");
        // Another project's delivery, asked for by id: refused.
        b.client.goto(&format!("{}/console#/logs/{log_b}", env.url)).await.unwrap();
        b.text_until("#view .error", "a refusal", |t| t.contains("not found")).await;

        // The expired link: back to sign-in, saying why.
        b.client.goto(&format!("{}/console#link={expired}", env.url)).await.unwrap();
        b.text_until("#signin-error", "the expiry", |t| t.contains("expired")).await;
        assert!(b.find("#signin").await.is_displayed().await.unwrap());
        assert!(!b.find("#nav").await.is_displayed().await.unwrap(), "no navigation before signing in");
    });
}

#[test]
fn a_manage_link_adds_edits_rotates_and_removes_endpoints_and_nothing_more() {
    let env = TestEnv::start();
    let (project, key) = env.project("managed");
    let (other, other_key) = env.project("other");
    let rx = env.receiver();
    let (other_ep, _) = env.endpoint(&other_key, &rx.url, &[]);

    let run = env.pulse(&key, &["console", "link", "--manage", "--json"]);
    let link = run.code(0).json();
    assert_eq!(link["manage"], true, "{link}");
    let url = link["url"].as_str().unwrap().to_string();
    let token = url.split("#link=").nth(1).unwrap().to_string();
    let bearer = format!("Bearer {token}");
    let auth = Some(("authorization", bearer.as_str()));
    // A read-only link still may not change endpoints.
    let read = env.pulse(&key, &["console", "link"]).code(0).stdout.trim().to_string();
    let read_bearer = format!("Bearer {}", read.split("#link=").nth(1).unwrap());
    let body = json!({"url": rx.url}).to_string().into_bytes();
    let (s, _, v) =
        env.api("POST", "/v1/webhooks/endpoints", Some(("authorization", &read_bearer)), Some(body.clone()));
    assert_eq!(s, 403, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("--manage"), "{v}");
    // The manage link: endpoints of its own project, nothing else.
    let (s, _, made) = env.api("POST", "/v1/webhooks/endpoints", auth, Some(body));
    assert_eq!(s, 201, "{made}");
    let made_id = made["endpoint_id"].as_str().unwrap();
    assert_eq!(env.api("GET", &format!("/v1/webhooks/endpoints/{made_id}/secret"), auth, None).0, 403);
    assert_eq!(env.api("DELETE", &format!("/v1/webhooks/endpoints/{other_ep}"), auth, None).0, 404);
    let egress = json!({"room_name": "r", "output_type": "hls"}).to_string().into_bytes();
    assert_eq!(env.api("POST", "/v1/media/egress/start", auth, Some(egress)).0, 403);
    assert_eq!(env.api("GET", &format!("/v1/projects/{project}"), auth, None).0, 401);
    assert_eq!(env.api("DELETE", &format!("/v1/webhooks/endpoints/{made_id}"), auth, None).0, 200);

    // Read from inside the browser's async block (where `env.api`, which blocks, cannot run).
    let http = pulse::http_client(std::time::Duration::from_secs(10));
    let endpoints = |k: &str| {
        let req = http.get(format!("{}/v1/webhooks/endpoints", env.url)).header("x-pulse-key", k).send();
        async move {
            let v: serde_json::Value = req.await.unwrap().json().await.unwrap();
            v["data"].as_array().unwrap().clone()
        }
    };
    env.rt.block_on(async {
        let Some(b) = Browser::start().await else { return };
        b.client.goto(&url).await.unwrap();
        b.text_until("#who", "the link's banner", |t| t.contains("Manage link")).await;
        b.client.goto(&format!("{}/console#/endpoints", env.url)).await.unwrap();
        // Add: the secret is shown once, and it signs what the receiver gets.
        b.find("#ep-url").await.send_keys(&rx.url).await.unwrap();
        b.find("#ep-events").await.send_keys("room_started").await.unwrap();
        b.find("#ep-form button[type=submit]").await.click().await.unwrap();
        let secret = b.text_until("#endpoint-secret", "the new secret", |t| t.starts_with("whsec_")).await;
        let added = endpoints(&key).await;
        assert_eq!(added.len(), 1);
        assert_eq!(added[0]["events"], json!(["room_started"]));
        let id = added[0]["endpoint_id"].as_str().unwrap().to_string();
        rx.trust(&secret);
        let body = json!({"event": "room_started", "id": "EV_manage_1", "room": {"sid": "RM_1", "name": format!("{project}__stage")}});
        let bytes = body.to_string().into_bytes();
        let lk = livekit_token("devkey", "secret", &bytes, now(), now() + 300);
        let sent = http.post(format!("{}/v1/webhooks/livekit", env.url)).header("authorization", lk).body(bytes);
        assert_eq!(sent.send().await.unwrap().status(), 200);
        let got = rx.wait_for(10, |g| g.iter().any(|r| r.json["livekit_event_id"] == "EV_manage_1"));
        assert!(got.iter().filter(|r| r.json["livekit_event_id"] == "EV_manage_1").all(|r| r.standard_ok));
        assert!(!b.find("#endpoint-notice").await.text().await.unwrap().is_empty());

        // Edit: every event, a description.
        b.find(&format!("#endpoints tr[data-id='{id}'] button.edit")).await.click().await.unwrap();
        let events = b.find("#ep-edit-events").await;
        events.clear().await.unwrap();
        b.find("#ep-edit-description").await.send_keys("the studio").await.unwrap();
        b.find("#ep-edit-form button[type=submit]").await.click().await.unwrap();
        b.text_until("#endpoint-notice", "saved", |t| t.contains("Saved")).await;
        let edited = endpoints(&key).await;
        assert_eq!((edited[0]["events"].clone(), edited[0]["description"].clone()), (json!([]), json!("the studio")));

        // Rotate: a new secret, shown once.
        b.find(&format!("#endpoints tr[data-id='{id}'] button.rotate")).await.click().await.unwrap();
        let rotated = b.text_until("#endpoint-secret", "the rotated secret", |t| t.starts_with("whsec_") && t != secret).await;
        assert_ne!(rotated, secret);

        // Disable, then remove (two clicks).
        b.find(&format!("#endpoints tr[data-id='{id}'] button.toggle")).await.click().await.unwrap();
        b.text_until("#endpoint-notice", "disabled", |t| t.contains("Disabled")).await;
        assert_eq!(endpoints(&key).await[0]["enabled"], false);
        b.find(&format!("#endpoints tr[data-id='{id}'] button.remove")).await.click().await.unwrap();
        assert_eq!(endpoints(&key).await.len(), 1, "one click does not remove");
        b.find(&format!("#endpoints tr[data-id='{id}'] button.remove")).await.click().await.unwrap();
        b.text_until("#endpoint-notice", "removed", |t| t.contains("Removed")).await;
        assert!(endpoints(&key).await.is_empty());
        assert_eq!(endpoints(&other_key).await.len(), 1, "the other project's endpoint is untouched");

        // A read-only link's console offers none of it.
        b.client.goto(&read).await.unwrap();
        b.text_until("#who", "the read-only banner", |t| t.contains("Read-only")).await;
        b.client.goto(&format!("{}/console#/endpoints", env.url)).await.unwrap();
        b.find("#endpoints").await;
        assert!(b.client.find(Locator::Css("#ep-form")).await.is_err(), "no form with a read-only link");
    });
    let _ = other;
}
