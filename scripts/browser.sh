#!/usr/bin/env bash
# Sourced by scripts/test.sh: make Debian's chromium and chromium-driver available to the `kg viz`
# browser tests, installing exactly those two packages with apt when running as root, and never
# upgrading a package that is already installed. When they cannot be had, KG_SKIP_BROWSER says why
# and the browser tests skip with that message (tests/test_viz.py).
# CHROMIUM, CHROMEDRIVER and KG_UID stand in for /usr/bin/chromium, /usr/bin/chromedriver and
# `id -u` in tests/test_scripts.py.

skip_browser_tests() {
    export KG_SKIP_BROWSER="$1"
    echo "scripts/test.sh: the browser tests will be skipped: $1" >&2
}

ensure_browser() {
    local chromium="${CHROMIUM:-/usr/bin/chromium}" driver="${CHROMEDRIVER:-/usr/bin/chromedriver}"
    local packages="chromium chromium-driver"
    if [ -x "$chromium" ] && [ -x "$driver" ]; then
        return 0
    fi
    if [ "${KG_UID:-$(id -u)}" != 0 ]; then
        skip_browser_tests "$chromium or $driver is missing and this is not root (sudo apt-get install --no-install-recommends $packages)"
        return 0
    fi
    echo "scripts/test.sh: installing $packages with apt for the browser tests (nothing else is upgraded)" >&2
    if ! apt-get update -qq >/dev/null 2>&1; then
        skip_browser_tests "apt-get update failed"
        return 0
    fi
    local plan upgrades
    if ! plan=$(apt-get install -s --no-install-recommends $packages 2>&1); then
        skip_browser_tests "apt cannot install $packages: $(printf '%s\n' "$plan" | tail -1)"
        return 0
    fi
    # "Inst NAME [OLD] (NEW ...)": a package already installed that the install would upgrade
    upgrades=$(printf '%s\n' "$plan" | awk '/^Inst / && $3 ~ /^\[/ {printf "%s ", $2}')
    if [ -n "$upgrades" ]; then
        skip_browser_tests "installing $packages would upgrade installed packages (${upgrades% }); install them yourself if that is fine"
        return 0
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade $packages >/dev/null 2>&1; then
        skip_browser_tests "apt-get install $packages failed"
    fi
    return 0
}
