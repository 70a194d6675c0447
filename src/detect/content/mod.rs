//! Content detectors (placeholder until the detection engine lands).
use super::kind::KindSet;
pub struct ContentScanner;
impl ContentScanner {
    pub fn new(_enabled: KindSet) -> Self {
        ContentScanner
    }
    pub fn scan_value(&self, _key: &str, _value: &str, _out: &mut KindSet) {}
}
