//! Input rules shared by the services: required fields, names from a fixed set, room names.

use super::error::{CoreError, CoreResult};

/// A required string field, trimmed; missing or blank names the field.
pub fn required(field: &str, value: Option<String>) -> CoreResult<String> {
    match value.map(|v| v.trim().to_string()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(CoreError::invalid(field, format!("{field} is required"))),
    }
}

/// One of a named enum's values, else an error listing them.
pub fn one_of<T>(field: &str, value: &str, parse: fn(&str) -> Option<T>, names: &[&str]) -> CoreResult<T> {
    parse(value)
        .ok_or_else(|| CoreError::invalid(field, format!("{field} must be one of {}, not `{value}`", names.join(", "))))
}

/// Free text a caller names something with: at most `max` characters, none of them control
/// characters (they would forge log lines and break terminals).
pub fn text(field: &str, value: &str, max: usize) -> CoreResult<()> {
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            field,
            format!("{field} must be at most {max} characters, without control characters"),
        ));
    }
    Ok(())
}

/// The longest URL pulse keeps (endpoints, pull sources): browsers and proxies cap near here.
pub const MAX_URL: usize = 2048;

/// Room names: 1–128 printable characters (LiveKit allows more; these survive URLs and logs).
pub fn room(room: &str) -> CoreResult<()> {
    if room.chars().count() > 128 || room.chars().any(|c| c.is_control() || c == '/') {
        return Err(CoreError::invalid(
            "room_name",
            "room_name must be 1 to 128 characters, without '/' or control characters",
        ));
    }
    Ok(())
}

/// The room's name on LiveKit: `<project_id>__<room>` (multi-tenancy on one LiveKit).
pub fn livekit_room(project_id: &str, room: &str) -> String {
    format!("{project_id}__{room}")
}

/// `<project_id>__<room>` back into its parts, if it is a pulse room.
pub fn split_room(room: &str) -> Option<(&str, &str)> {
    room.split_once("__").filter(|(p, _)| p.starts_with("prj_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_prefix() {
        assert_eq!(split_room("prj_01ab__town__hall"), Some(("prj_01ab", "town__hall")));
        assert_eq!(split_room("someone-elses-room"), None);
        assert_eq!(split_room("x__y"), None);
    }

    #[test]
    fn one_of_lists_the_choices() {
        use crate::model::OutputType;
        let e = one_of("output_type", "dash", OutputType::parse, &OutputType::names()).unwrap_err();
        assert!(e.to_string().contains("hls, rtmp, file"), "{e}");
    }
}
