//! Which recordingstate endpoint serves a conversation's media type.

/// The endpoint a recording-state change goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaRoute {
    /// `PUT /api/v2/conversations/{media}/{id}/recordingstate`, with the path segment for the media type.
    PerMedia(&'static str),
    /// `PATCH /api/v2/conversations/{id}/recordingstate`, for a media type pii-pause does not know.
    Generic,
}

impl MediaRoute {
    /// Maps a record's `mediaType` (Genesys spells it `voice`/`call`, `chat`, `email`, ...; singular or plural,
    /// any case). No media type means a call.
    pub fn for_media_type(media_type: Option<&str>) -> Self {
        let Some(m) = media_type.map(|m| m.trim().to_ascii_lowercase()) else {
            return MediaRoute::PerMedia("calls");
        };
        let segment = match m.trim_end_matches('s') {
            "" | "call" | "voice" => "calls",
            "callback" => "callbacks",
            "chat" => "chats",
            "cobrowse" | "cobrowsesession" => "cobrowsesessions",
            "email" => "emails",
            "message" => "messages",
            "screenshare" => "screenshares",
            "social" | "socialexpression" => "socials",
            "video" => "videos",
            _ => return MediaRoute::Generic,
        };
        MediaRoute::PerMedia(segment)
    }

    /// The request path for a conversation id that has already been validated.
    pub fn path(&self, conversation_id: &str) -> String {
        match self {
            MediaRoute::PerMedia(segment) => {
                format!("/api/v2/conversations/{segment}/{conversation_id}/recordingstate")
            }
            MediaRoute::Generic => {
                format!("/api/v2/conversations/{conversation_id}/recordingstate")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_map_to_their_endpoint() {
        assert_eq!(
            MediaRoute::for_media_type(None),
            MediaRoute::PerMedia("calls")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("call")),
            MediaRoute::PerMedia("calls")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("VOICE")),
            MediaRoute::PerMedia("calls")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("email")),
            MediaRoute::PerMedia("emails")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("messages")),
            MediaRoute::PerMedia("messages")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("cobrowse")),
            MediaRoute::PerMedia("cobrowsesessions")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("screenshare")),
            MediaRoute::PerMedia("screenshares")
        );
        assert_eq!(
            MediaRoute::for_media_type(Some("workitem")),
            MediaRoute::Generic
        );
        assert_eq!(
            MediaRoute::PerMedia("calls").path("abc"),
            "/api/v2/conversations/calls/abc/recordingstate"
        );
        assert_eq!(
            MediaRoute::Generic.path("abc"),
            "/api/v2/conversations/abc/recordingstate"
        );
    }
}
