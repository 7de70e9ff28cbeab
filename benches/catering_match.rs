//! Placeholder until the catering_match benchmark lands.
fn main() {}
