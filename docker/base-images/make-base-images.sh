#!/usr/bin/env bash
# Makes local stand-ins for the public base images from Debian packages, for machines that reach
# Debian's package archive but no container image registry:
#   genegate-base/jre:17        Debian bookworm + openjdk-17-jre-headless   (for eclipse-temurin:17-jre)
#   genegate-base/postgres:15   Debian bookworm + postgresql-15 and an entrypoint that initialises
#                               the cluster from POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB, as the
#                               public image does                            (for postgres:16)
# Needs root, debootstrap and a running Docker engine. An image that already exists is kept
# (--force makes it again). The mirror is debootstrap's default unless DEBIAN_MIRROR names one.
#   docker/base-images/make-base-images.sh [--force]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jre_image="${GENEGATE_JRE_IMAGE:-genegate-base/jre:17}"
postgres_image="${GENEGATE_POSTGRES_IMAGE:-genegate-base/postgres:15}"
suite=bookworm
force=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    *) echo "usage: make-base-images.sh [--force]" >&2; exit 2 ;;
  esac
done

[[ $(id -u) == 0 ]] || { echo "make-base-images.sh: run as root (debootstrap and chroot need it)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "make-base-images.sh: install debootstrap first (apt-get install -y debootstrap)" >&2; exit 1; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

work="$(mktemp -d /var/tmp/genegate-rootfs.XXXXXX)"
# The JRE's install scripts run java, which needs /proc; it is mounted only around the install.
cleanup() { for m in "$work"/*/proc; do mountpoint -q "$m" && umount "$m"; done; rm -rf "$work"; }
trap cleanup EXIT

# A minimal Debian root file system with the given packages, installed by apt inside it. Services
# are never started during the install (policy-rc.d), and Debian's postgresql packages are told
# not to create a cluster: the image's entrypoint does that on first start, in its volume.
make_rootfs() {
  local rootfs="$1"; shift
  debootstrap --variant=minbase "$suite" "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; return 1; }
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  mkdir -p "$rootfs/etc/postgresql-common"
  echo "create_main_cluster = false" >"$rootfs/etc/postgresql-common/createcluster.conf"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  mount -t proc proc "$rootfs/proc"
  chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
    >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; umount "$rootfs/proc"; return 1; }
  umount "$rootfs/proc"
  # What a running container never needs: package lists and caches, documentation, logs.
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
         "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*.log \
         "$rootfs/usr/sbin/policy-rc.d" "$rootfs/etc/resolv.conf"
  : >"$rootfs/etc/resolv.conf"
}

import_rootfs() {
  local rootfs="$1" image="$2"; shift 2
  tar --numeric-owner -C "$rootfs" -c . | docker import "$@" - "$image" >/dev/null
  echo "$image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
}

if $force || ! image_exists "$jre_image"; then
  start=$SECONDS
  make_rootfs "$work/jre" openjdk-17-jre-headless
  import_rootfs "$work/jre" "$jre_image" \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["java", "-version"]'
  echo "  made in $((SECONDS - start)) s"
  rm -rf "$work/jre"
else
  echo "$jre_image: exists"
fi

if $force || ! image_exists "$postgres_image"; then
  start=$SECONDS
  make_rootfs "$work/postgres" postgresql-15
  install -m 755 "$here/postgres-entrypoint.sh" "$work/postgres/usr/local/bin/postgres-entrypoint.sh"
  import_rootfs "$work/postgres" "$postgres_image" \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV PGDATA=/var/lib/postgresql/data' \
    --change 'VOLUME /var/lib/postgresql/data' \
    --change 'EXPOSE 5432' \
    --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]' \
    --change 'CMD ["postgres"]'
  echo "  made in $((SECONDS - start)) s"
else
  echo "$postgres_image: exists"
fi
