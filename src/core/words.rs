//! Counts in the words a workshop reads: "1 order", "2 orders", never
//! "order(s)". Every count the screen shows with its noun goes through
//! [`counted`].

use std::fmt::Display;

/// `n` with the noun that agrees with it: `one` for exactly 1, `many`
/// otherwise (0 included: "0 orders").
pub fn counted(n: impl Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n} {noun}")
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(counted(1_usize, "order", "orders"), "1 order");
        assert_eq!(counted(0_usize, "order", "orders"), "0 orders");
        assert_eq!(counted(2_u64, "order", "orders"), "2 orders");
        assert_eq!(counted(11_u32, "order", "orders"), "11 orders");
        assert_eq!(counted(1_u128, "ordering", "orderings"), "1 ordering");
    }
}
