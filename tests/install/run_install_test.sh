#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Description: installs an rtmem build tree into a fresh temporary prefix and
# checks that a program outside the tree builds and runs against it:
#   1. the installed tree: flat headers in include/rtmem, librtmem.so with
#      soname librtmem.so.0, rtmem.pc and the CMake package files;
#   2. cc hello.c $(pkg-config --cflags --libs rtmem), run with
#      LD_LIBRARY_PATH=<prefix>/lib;
#   3. consumer/ configured with cmake -DCMAKE_PREFIX_PATH=<prefix>
#      (find_package(rtmem) + rtmem::rtmem), built and run;
#   4. hello.c linked statically against librtmem.a with pkg-config --static,
#      run without LD_LIBRARY_PATH.
# Each run must exit 0 and print "lcores: N" with N >= 1.
#
# Usage (ctest passes these, see CMakeLists.txt):
#   run_install_test.sh --build=DIR --consumer=DIR --cc=PATH --cmake=PATH
#                       --libdir=lib --includedir=include --sanitize=LIST
# --sanitize is the build's RTMEM_SANITIZE (may be empty); the consumers are
# compiled with the same -fsanitize flags so they link against the library.
#
# Exit: 0 pass, 1 fail, 77 skip (pkg-config is not installed).
set -Eeuo pipefail

build='' consumer='' cc=cc cmake=cmake libdir=lib includedir=include sanitize=''
for arg in "$@"; do
	case $arg in
	--build=*) build=${arg#*=} ;;
	--consumer=*) consumer=${arg#*=} ;;
	--cc=*) cc=${arg#*=} ;;
	--cmake=*) cmake=${arg#*=} ;;
	--libdir=*) libdir=${arg#*=} ;;
	--includedir=*) includedir=${arg#*=} ;;
	--sanitize=*) sanitize=${arg#*=} ;;
	*)
		echo "run_install_test: unknown argument $arg" >&2
		exit 1
		;;
	esac
done
if [ -z "$build" ] || [ -z "$consumer" ]; then
	echo "run_install_test: --build and --consumer are required" >&2
	exit 1
fi

if ! command -v pkg-config >/dev/null 2>&1; then
	echo "SKIP: pkg-config is not installed"
	exit 77
fi

trap 'echo "FAIL: line $LINENO: $BASH_COMMAND (exit $?)"; exit 1' ERR
fail() {
	echo "FAIL: $*"
	exit 1
}
step() {
	echo
	echo "==> $*"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rtmem-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
libpath=$prefix/$libdir
incpath=$prefix/$includedir/rtmem

san_flags=()
if [ -n "$sanitize" ]; then
	san_flags=("-fsanitize=$sanitize" -fno-omit-frame-pointer
		-fno-sanitize-recover=all)
fi
cflags=(-std=c11 -Wall -Wextra -Werror "${san_flags[@]}")

# check_run NAME CMD...: runs a built consumer, which must exit 0 and print
# "lcores: N" with N >= 1.
check_run() {
	local name=$1 out
	shift
	echo "+ $*"
	if ! out=$("$@" 2>"$tmp/$name.err"); then
		echo "--- stderr of $name:"
		cat "$tmp/$name.err"
		fail "$name exited with a failure status"
	fi
	echo "$out"
	if ! grep -Eq '^lcores: [1-9][0-9]*$' <<<"$out"; then
		echo "--- stderr of $name:"
		cat "$tmp/$name.err"
		fail "$name did not print 'lcores: N' with N >= 1"
	fi
}

# Every consumer run gets its own in-memory EAL, so concurrent tests never
# share a runtime directory with it.
eal_args=(--in-memory)

step "install $build into $prefix"
"$cmake" --install "$build" --prefix "$prefix"

step "check the installed tree"
for h in rte_eal.h rte_build_config.h; do
	[ -f "$incpath/$h" ] || fail "$incpath/$h is missing"
done
nested=$(find "$incpath" -mindepth 1 -type d)
[ -z "$nested" ] || fail "headers are not flat under $incpath: $nested"
stray=$(find "$prefix/$includedir" -mindepth 1 -maxdepth 1 ! -name rtmem)
[ -z "$stray" ] || fail "files installed beside include/rtmem: $stray"
for f in librtmem.so librtmem.a pkgconfig/rtmem.pc cmake/rtmem/rtmemConfig.cmake \
	cmake/rtmem/rtmemConfigVersion.cmake cmake/rtmem/rtmemTargets.cmake; do
	[ -e "$libpath/$f" ] || fail "$libpath/$f is missing"
done
soname=$(readelf -d "$libpath/librtmem.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = librtmem.so.0 ] ||
	fail "librtmem.so has soname '$soname', expected librtmem.so.0"
[ -e "$libpath/librtmem.so.0" ] || fail "$libpath/librtmem.so.0 is missing"
echo "headers flat in $incpath; soname $soname"

step "pkg-config: build hello.c with \$(pkg-config --cflags --libs rtmem)"
export PKG_CONFIG_PATH=$libpath/pkgconfig
read -ra pc_flags <<<"$(pkg-config --cflags --libs rtmem)"
echo "pkg-config --cflags --libs rtmem: ${pc_flags[*]}"
case " ${pc_flags[*]}" in
*" -I$prefix/"*) ;;
*) fail "pkg-config --cflags does not point into $prefix" ;;
esac
"$cc" "${cflags[@]}" "$consumer/hello.c" -o "$tmp/hello_pc" "${pc_flags[@]}"
check_run hello_pc env LD_LIBRARY_PATH="$libpath" "$tmp/hello_pc" "${eal_args[@]}"

step "CMake: find_package(rtmem) in a fresh build of $consumer"
"$cmake" -S "$consumer" -B "$tmp/consumer-build" \
	-DCMAKE_PREFIX_PATH="$prefix" \
	-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
	-DCMAKE_C_COMPILER="$cc" \
	-DCMAKE_C_FLAGS="${san_flags[*]}" \
	-DCMAKE_EXE_LINKER_FLAGS="${san_flags[*]}"
found=$(sed -n 's/^rtmem_DIR:[A-Z]*=//p' "$tmp/consumer-build/CMakeCache.txt")
[ "$found" = "$libpath/cmake/rtmem" ] ||
	fail "find_package(rtmem) used '$found', not $libpath/cmake/rtmem"
"$cmake" --build "$tmp/consumer-build"
check_run hello_cmake env LD_LIBRARY_PATH="$libpath" \
	"$tmp/consumer-build/hello" "${eal_args[@]}"

step "static: link hello.c against librtmem.a with pkg-config --static"
read -ra static_flags <<<"$(pkg-config --static --cflags --libs rtmem)"
# pkg-config names the library as -lrtmem, which the linker resolves to the
# shared object; -l:librtmem.a asks for the archive in the same directories.
archive=0
for i in "${!static_flags[@]}"; do
	if [ "${static_flags[i]}" = -lrtmem ]; then
		static_flags[i]=-l:librtmem.a
		archive=1
	fi
done
[ $archive = 1 ] || fail "pkg-config --static --libs rtmem has no -lrtmem"
echo "link flags: ${static_flags[*]}"
"$cc" "${cflags[@]}" "$consumer/hello.c" -o "$tmp/hello_static" "${static_flags[@]}"
dyn=$(readelf -d "$tmp/hello_static")
if grep -q 'NEEDED.*librtmem' <<<"$dyn"; then
	fail "hello_static still needs librtmem.so"
fi
check_run hello_static env -u LD_LIBRARY_PATH "$tmp/hello_static" "${eal_args[@]}"

echo
echo "PASS: install, pkg-config, CMake package and static link"
exit 0
