//! Where a live RTMP egress sends: targets added and removed while it runs, with LiveKit's
//! `UpdateStream` (one restream to YouTube, then Twitch as well, without a second egress).

use super::egress::{apply_info, check_rtmp_url};
use super::{Core, CoreError, CoreResult, views};
use crate::api::{self, UpdateEgress};
use crate::core::validate::required;
use crate::livekit::models::UpdateStreamRequest;
use crate::model::OutputType;
use crate::store::ProjectRecord;
use crate::util::mask_rtmp_url;

/// The most targets one stream egress sends to (as `egress start` allows).
const MAX_TARGETS: usize = 10;

/// An egress's targets after `add` and `remove` (masked, as records keep them), or why not.
pub fn retarget(now: &[String], add: &[String], remove: &[String]) -> CoreResult<Vec<String>> {
    if add.is_empty() && remove.is_empty() {
        return Err(CoreError::invalid(
            "add_rtmp_urls",
            "nothing to change: give add_rtmp_urls or remove_rtmp_urls (rtmp:// or rtmps:// URLs)",
        ));
    }
    let mut out = now.to_vec();
    for u in remove {
        check_rtmp_url("remove_rtmp_urls", u)?;
        let masked = mask_rtmp_url(u);
        let Some(i) = out.iter().position(|t| *t == masked) else {
            return Err(CoreError::invalid_now(
                "remove_rtmp_urls",
                format!("remove_rtmp_urls: `{masked}` is not one of this egress's targets ({})", now.join(", ")),
            ));
        };
        out.remove(i);
    }
    for u in add {
        check_rtmp_url("add_rtmp_urls", u)?;
        out.push(mask_rtmp_url(u));
    }
    if out.is_empty() {
        return Err(CoreError::invalid_now(
            "remove_rtmp_urls",
            "an rtmp egress needs at least one target: stop it instead (pulse egress stop)",
        ));
    }
    if out.len() > MAX_TARGETS {
        return Err(CoreError::invalid_now(
            "add_rtmp_urls",
            format!("an rtmp egress sends to at most {MAX_TARGETS} targets"),
        ));
    }
    Ok(out)
}

impl Core {
    /// Adds and removes RTMP targets of a live RTMP egress.
    pub async fn update_egress_stream(&self, project: &ProjectRecord, req: UpdateEgress) -> CoreResult<api::Egress> {
        let id = required("egress_id", req.egress_id)?;
        let (add, remove) = (req.add_rtmp_urls.unwrap_or_default(), req.remove_rtmp_urls.unwrap_or_default());
        let egress = self.find_egress(project, &id).await?;
        if !egress.has_output(OutputType::Rtmp) {
            return Err(CoreError::Conflict(format!(
                "egress {} has no rtmp output ({}); only an rtmp egress has targets to change",
                egress.id,
                egress.output_types().iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
        let targets = retarget(&egress.rtmp_urls, &add, &remove)?;
        if egress.status.is_final() {
            return Err(CoreError::Conflict(format!("egress {} has already {}", egress.id, egress.status)));
        }
        let Some(lk) = egress.livekit_id.clone() else {
            return Err(CoreError::Conflict(format!("egress {} has not started on LiveKit yet", egress.id)));
        };
        let req = UpdateStreamRequest { egress_id: lk.clone(), add_output_urls: add, remove_output_urls: remove };
        let info = self.livekit.update_stream(&req).await?;
        let e = match self
            .change_egress(&lk, None, Some(&info), |e, now| {
                e.rtmp_urls = targets.clone();
                e.updated_ms = now;
                apply_info(e, &info, now);
                true
            })
            .await?
        {
            super::events::Outcome::Applied(e) => e,
            _ => egress,
        };
        tracing::info!(egress_id = %e.id, targets = e.rtmp_urls.len(), "egress targets changed");
        Ok(views::egress(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn targets_are_added_and_removed_by_their_masked_form() {
        let now = v(&[&mask_rtmp_url("rtmp://a.example/live/KEY1")]);
        let out = retarget(&now, &v(&["rtmps://b.example/app/KEY2"]), &[]).unwrap();
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|t| !t.contains("KEY")), "{out:?}");
        let out = retarget(&out, &[], &v(&["rtmp://a.example/live/KEY1"])).unwrap();
        assert_eq!(out, v(&[&mask_rtmp_url("rtmps://b.example/app/KEY2")]));
    }

    #[test]
    fn bad_changes_name_their_field() {
        let now = v(&[&mask_rtmp_url("rtmp://a.example/live/KEY1")]);
        let field = |add: &[&str], remove: &[&str]| match retarget(&now, &v(add), &v(remove)) {
            Err(CoreError::Invalid { field, .. }) => field.unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(&[], &[]), "add_rtmp_urls");
        assert_eq!(field(&["http://x/y"], &[]), "add_rtmp_urls");
        assert_eq!(field(&[], &["rtmp://other.example/live/K"]), "remove_rtmp_urls");
        assert_eq!(field(&[], &["rtmp://a.example/live/KEY1"]), "remove_rtmp_urls");
        let eleven: Vec<String> = (0..10).map(|i| format!("rtmp://h{i}.example/live/k")).collect();
        let refs: Vec<&str> = eleven.iter().map(String::as_str).collect();
        assert_eq!(field(&refs, &[]), "add_rtmp_urls");
    }
}
