//! The wasm module's allocator: blocks of power-of-two sizes, a list of freed blocks per
//! size, fresh blocks carved from memory as it grows. A chart allocates the same few sizes
//! at every layout, so freed blocks are reused and memory stays flat; the general-purpose
//! allocator's splitting and merging of blocks is several KB of wasm every reader would
//! download for nothing here. (Native builds keep the system's.)

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::{copy_nonoverlapping, null_mut};

const PAGE: usize = 65536;
/// Every block is aligned to at least this: no type of the crate or its glue asks for more
/// (a request that does is served from fresh memory, aligned as asked).
const ALIGN: usize = 16;
/// Size classes: block sizes 1 << class.
const CLASSES: usize = usize::BITS as usize;

pub struct Heap(UnsafeCell<State>);

struct State {
    /// The first freed block of each class (each holds the address of the next); 0: none.
    free: [usize; CLASSES],
    /// Fresh memory: from `next` to `end`.
    next: usize,
    end: usize,
}

// The module runs on one thread: no two calls ever overlap.
unsafe impl Sync for Heap {}

impl Heap {
    pub const fn new() -> Heap {
        Heap(UnsafeCell::new(State {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

/// The class of the smallest block that holds the request.
fn class(layout: &Layout) -> usize {
    let size = layout.size().max(layout.align()).max(ALIGN);
    size.checked_next_power_of_two()
        .map_or(CLASSES, |s| s.trailing_zeros() as usize)
}

/// `at` rounded up to a multiple of `align` (a power of two), if it stays addressable.
fn align_up(at: usize, align: usize) -> Option<usize> {
    Some(at.checked_add(align - 1)? & !(align - 1))
}

unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let s = &mut *self.0.get();
        let c = class(&layout);
        if c >= CLASSES {
            return null_mut();
        }
        let head = s.free[c];
        if head != 0 && layout.align() <= ALIGN {
            s.free[c] = *(head as *const usize);
            return head as *mut u8;
        }
        let (size, align) = (1usize << c, layout.align().max(ALIGN));
        let fits = |s: &State| {
            let start = align_up(s.next, align)?;
            Some(start).filter(|start| start.checked_add(size).is_some_and(|e| e <= s.end))
        };
        let start = match fits(s) {
            Some(start) => start,
            None => {
                let pages = size.saturating_add(align).div_ceil(PAGE);
                let old = core::arch::wasm32::memory_grow(0, pages);
                if old == usize::MAX {
                    return null_mut();
                }
                // Fresh pages right after ours extend them; anywhere else, start there.
                if old * PAGE != s.end {
                    s.next = old * PAGE;
                }
                s.end = (old + pages) * PAGE;
                match fits(s) {
                    Some(start) => start,
                    None => return null_mut(),
                }
            }
        };
        s.next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let s = &mut *self.0.get();
        let c = class(&layout);
        *(ptr as *mut usize) = s.free[c];
        s.free[c] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = Layout::from_size_align_unchecked(new_size, layout.align());
        // A string or list growing within its block stays where it is.
        if class(&new) == class(&layout) {
            return ptr;
        }
        let to = self.alloc(new);
        if !to.is_null() {
            copy_nonoverlapping(ptr, to, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        to
    }
}
