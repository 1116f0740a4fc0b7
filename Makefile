# rtmem: thin front end to CMake. Every target below is a few CMake/ctest
# calls; CMakeLists.txt is the real build. Targets:
#   make / make build    configure and build in build/ (RelWithDebInfo, -Werror)
#   make demo            build, then run the demo program ($(DEMO)): the
#                        mempool lesson's program (examples/mempool_usage)
#   make test            build and run ctest plain (build/), under ASan+UBSan
#                        (build-asan/), then the run-time tests under TSan
#                        (build-tsan/); fails if any fails
#   make bench           build, then run the benchmarks (bench/run): rtmem
#                        against DPDK when pkg-config finds libdpdk, else
#                        rtmem alone; BENCH_PROGS picks programs
#   make bench-compare   the same, but fails unless libdpdk is found
#   make install         install build/ into $(PREFIX) (default /usr/local)
#   make deps            install the Debian packages the build needs (BENCH=1
#                        adds libdpdk-dev, libck-dev and the jemalloc,
#                        tcmalloc and mimalloc packages); the only target
#                        that installs packages
#   make clean           remove build/, build-asan/ and build-tsan/

BUILD_DIR  := build
ASAN_DIR   := build-asan
TSAN_DIR   := build-tsan
# Build-level checks (install, headers, exports) need no TSan run.
TSAN_SKIP  := ^test_(install|headers|exports)$$
BUILD_TYPE := RelWithDebInfo
SANITIZERS := address,undefined
PREFIX     ?= /usr/local
JOBS       := $(shell nproc)
CMAKE_OPTS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DRTMEM_WERROR=ON

# The program `make demo` runs (a path under $(BUILD_DIR)) and its arguments.
DEMO      := $(BUILD_DIR)/examples/mempool_usage/mempool_usage
DEMO_ARGS ?=

# Benchmarks: bench/run <build-dir> [program...] (its top comment lists the
# BENCH_* environment variables); BENCH_PROGS empty runs every program.
BENCH_RUN   := bench/run
BENCH_PROGS ?=

DEB_PACKAGES := cmake gcc make pkg-config
ifeq ($(BENCH),1)
# the comparison columns of the benchmarks: DPDK, ck_ring, and the
# allocators alloc_perf preloads (never linked into the library)
DEB_PACKAGES += libdpdk-dev libck-dev libjemalloc-dev libgoogle-perftools-dev \
                libmimalloc-dev
endif
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build demo test bench bench-compare install deps clean

all: build

build:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_OPTS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

demo: build
	./$(DEMO) $(DEMO_ARGS)

test:
	@echo "==> test [1/6]: configure and build, plain ($(BUILD_DIR)/)"
	@$(MAKE) --no-print-directory build
	@echo "==> test [2/6]: ctest, plain build ($(BUILD_DIR)/)"
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS)
	@echo "==> test [3/6]: configure and build with -fsanitize=$(SANITIZERS) ($(ASAN_DIR)/)"
	cmake -S . -B $(ASAN_DIR) $(CMAKE_OPTS) -DRTMEM_SANITIZE=$(SANITIZERS)
	cmake --build $(ASAN_DIR) -j$(JOBS)
	@echo "==> test [4/6]: ctest, sanitizer build ($(ASAN_DIR)/)"
	ctest --test-dir $(ASAN_DIR) --output-on-failure -j$(JOBS)
	@echo "==> test [5/6]: configure and build with -fsanitize=thread ($(TSAN_DIR)/)"
	cmake -S . -B $(TSAN_DIR) $(CMAKE_OPTS) -DRTMEM_SANITIZE=thread -DRTMEM_BUILD_EXAMPLES=OFF
	cmake --build $(TSAN_DIR) -j$(JOBS)
	@echo "==> test [6/6]: ctest, thread sanitizer build ($(TSAN_DIR)/)"
	ctest --test-dir $(TSAN_DIR) --output-on-failure -j$(JOBS) -E '$(TSAN_SKIP)'
	@echo "==> test: passed, plain, with -fsanitize=$(SANITIZERS) and with -fsanitize=thread"

bench: build
	./$(BENCH_RUN) $(BUILD_DIR) $(BENCH_PROGS)

bench-compare:
	@pkg-config --exists libdpdk || { \
	  echo "make bench-compare: pkg-config finds no libdpdk; install libdpdk-dev" \
	       "(make deps BENCH=1 installs it, with the other comparison packages)" >&2; exit 1; }
	@$(MAKE) --no-print-directory build
	BENCH_REQUIRE_DPDK=1 ./$(BENCH_RUN) $(BUILD_DIR) $(BENCH_PROGS)

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

deps:
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends $(DEB_PACKAGES)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR)
