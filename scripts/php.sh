#!/usr/bin/env bash
# PHP: installs PHP 8.2 (CLI, FFI, opcache) and PHPUnit when missing, stages the C library,
# checks that the flattened FFI header matches the C header and that FFI::cdef accepts it,
# then runs the PHPUnit suite: conformance vectors, error paths, 100,000 calls without
# memory growth, preloading (opcache.preload and ffi.preload), and examples/php served by
# `php -S` under ffi.enable=preload, answering real HTTP requests.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v php >/dev/null || need_apt+=(php8.2-cli)
command -v phpunit >/dev/null || need_apt+=(phpunit)
php -r 'exit(extension_loaded("mbstring") ? 0 : 1);' 2>/dev/null || need_apt+=(php8.2-mbstring)
php -r 'exit(extension_loaded("dom") ? 0 : 1);' 2>/dev/null || need_apt+=(php8.2-xml)
grep -qi opcache <<<"$(php -m 2>/dev/null)" || need_apt+=(php8.2-opcache)
command -v setpriv >/dev/null || need_apt+=(util-linux)
# The stress test runs a real php-fpm.
[ -x /usr/sbin/php-fpm8.2 ] || need_apt+=(php8.2-fpm)
# examples/symfony runs on Debian's packages of the Symfony components it uses.
for component in http-foundation routing; do
  dir="/usr/share/php/Symfony/Component/$(sed 's/-\(.\)/\U\1/g; s/^./\U&/' <<<"$component")"
  [ -f "$dir/autoload.php" ] || need_apt+=("php-symfony-$component")
done
bash scripts/apt-install.sh "${need_apt[@]}"
php -r 'exit(extension_loaded("ffi") ? 0 : 1);' || { echo "PHP has no FFI extension" >&2; exit 1; }
php --version | sed -n 1p
phpunit --version

echo "-- flattened header"
bash bindings/php/flatten-header.sh --check
prefix="$(bash bindings/c/stage.sh target/recourse-c)"
php -d ffi.enable=1 -r '
  $ffi = FFI::cdef(file_get_contents($argv[1]), $argv[2]);
  printf("FFI::cdef accepts the header; library %s, ABI %d\n", $ffi->recourse_version(), $ffi->recourse_abi_version());
' bindings/php/resources/recourse.h "$prefix/lib/librecourse.so.0"

echo "-- PHPUnit"
(cd bindings/php && RECOURSE_LIBRARY="$prefix/lib/librecourse.so.0" phpunit)

echo "-- PHP-FPM under load (10,000 requests, good and bad, on two preloaded workers)"
python3 bindings/php/stress/fpm.py . "$prefix/lib/librecourse.so.0"
