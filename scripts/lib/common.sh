# Shared by scripts/run, scripts/test and scripts/screenshots: install what is
# missing, then build.
# Sourced, not run.

SHOPDESK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SHOPDESK_BUILD=${SHOPDESK_BUILD_DIR:-$SHOPDESK_ROOT/build}

# Debian/Ubuntu packages ShopDesk needs to build, run and test.
SHOPDESK_PACKAGES=(
    cmake ninja-build g++
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-svg-dev    # the icons (ui/common/Icons): Lucide SVGs drawn through Qt SVG
    libqt6sql6-psql qt6-l10n-tools qt6-tools-dev qt6-translations-l10n
    postgresql postgresql-contrib
    poppler-utils  # pdftotext, pdftoppm, pdfinfo: the receipt and label tests read their PDFs
    libzint-dev    # the receipts' Code 128 and the shelf labels' EAN-13 barcodes
    libminizip-dev # unpacks suppliers' XLSX price lists (models/imports)
    python3-xlsxwriter # tst_tablereaders and bench_tablereaders write real XLSX files with it
    zbar-tools     # zbarimg: the receipt and label tests decode the barcodes they printed
    wrk            # bench_central: HTTP load on shopdesk-central
    file dpkg-dev  # cpack -G DEB: the package test (file type, shlib dependencies)
    clang-format   # format_check: every .cpp/.h formatted as .clang-format says
)

# What scripts/screenshots needs besides: an X server without a screen.
SHOPDESK_SCREENSHOT_PACKAGES=(xvfb xauth fonts-dejavu-core)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# install_missing_packages [PACKAGE...]: SHOPDESK_PACKAGES unless named.
install_missing_packages() {
    local missing=() pkg
    local wanted=("$@")
    [ ${#wanted[@]} -eq 0 ] && wanted=("${SHOPDESK_PACKAGES[@]}")
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing packages: ${missing[*]}. Install them with your system's package manager." >&2
        exit 1
    fi
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || {
            echo "Missing packages: ${missing[*]}; run as root or install sudo." >&2
            exit 1
        }
        sudo=(sudo)
    fi
    log "Installing ${missing[*]}"
    local before
    before=$(list_pg_clusters)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
    # Installing the postgresql package creates and starts a system cluster
    # that ShopDesk does not use (it runs its own). Only a cluster this
    # installation created is stopped: one that was there before belongs to
    # someone else and keeps running.
    local version cluster
    while read -r version cluster; do
        [ -n "$cluster" ] || continue
        grep -qxF "$version $cluster" <<<"$before" && continue
        log "Stopping the PostgreSQL cluster $version/$cluster the package installation started"
        "${sudo[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop \
            >/dev/null 2>&1 || true
    done <<<"$(list_pg_clusters)"
}

# "VERSION CLUSTER" per line for every cluster Debian's postgresql-common knows.
list_pg_clusters() {
    command -v pg_lsclusters >/dev/null 2>&1 || return 0
    pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}'
}

build_shopdesk() {
    log "Building in $SHOPDESK_BUILD"
    cmake -S "$SHOPDESK_ROOT" -B "$SHOPDESK_BUILD" -G Ninja "$@" >/dev/null
    cmake --build "$SHOPDESK_BUILD" --parallel "$(nproc)"
}
