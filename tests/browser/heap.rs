//! The wasm heap (`src/wasm_heap.rs`) grows the memory in large steps.

use std::arch::wasm32;

use wasm_bindgen_test::wasm_bindgen_test;

/// Allocates `total` bytes in 4 KiB blocks, kept alive, and returns how
/// many times the memory size changed meanwhile.
fn growths_while_allocating(total: usize) -> usize {
    let mut blocks: Vec<Vec<u8>> = Vec::with_capacity(total / 4096);
    let mut size = wasm32::memory_size(0);
    let mut growths = 0;
    while blocks.len() * 4096 < total {
        blocks.push(vec![1; 4096]);
        let now = wasm32::memory_size(0);
        if now != size {
            growths += 1;
            size = now;
        }
    }
    growths
}

#[wasm_bindgen_test]
fn allocating_64_mib_in_small_blocks_grows_the_memory_a_few_times_not_a_thousand() {
    // Page by page it would be 1024 growths; by half of the memory each
    // time, from at least 1 MiB, a handful.
    let growths = growths_while_allocating(64 << 20);
    assert!(growths >= 1, "the memory never grew");
    assert!(growths <= 16, "the memory grew {growths} times");
}
