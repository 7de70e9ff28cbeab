//! The place index the store finds stream ids and event ids with: places
//! into a vector the caller keeps, confirmed against that vector.

use es_playground::core::store::{PlaceIndex, fast_hash};

#[test]
fn every_added_key_is_found_at_its_place_and_no_other_key_is() {
    let keys: Vec<String> = (0..20_000).map(|n| format!("Order${n}")).collect();
    let mut index = PlaceIndex::default();
    for (place, key) in keys.iter().enumerate() {
        index.insert(fast_hash(key.as_str()), u32::try_from(place).unwrap());
    }
    let find = |key: &str| {
        let is_key = |place: u32| keys.get(place as usize).is_some_and(|k| k == key);
        index.find(fast_hash(key), is_key)
    };
    for (place, key) in keys.iter().enumerate() {
        assert_eq!(find(key), Some(u32::try_from(place).unwrap()), "{key}");
    }
    for n in 20_000..40_000 {
        assert_eq!(find(&format!("Order${n}")), None);
    }
}

#[test]
fn keys_with_the_same_hash_are_told_apart_by_the_callers_check() {
    let keys = ["first", "second"];
    let mut index = PlaceIndex::default();
    // One hash for both keys stands for a collision of the whole hash.
    index.insert(7, 0u32);
    index.insert(7, 1u32);
    for (place, key) in keys.iter().enumerate() {
        let is_key = |at: u32| keys.get(at as usize) == Some(key);
        assert_eq!(index.find(7, is_key), Some(u32::try_from(place).unwrap()));
    }
    assert_eq!(index.find(7, |_| false), None);
}
