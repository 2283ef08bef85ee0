#!/usr/bin/env bash
# Rebuilds the embedded fonts in ttf/ from Debian's font packages.
#
# gofpdf embeds only TrueType (glyf) fonts, while Debian ships Noto CJK as
# OpenType/CFF collections; build_fonts.py extracts the Simplified Chinese
# faces, subsets them (GBK for the body font that renders names, GB2312 where
# the text is fixed, ASCII for the monospaced hash font), converts the outlines
# and renames the fonts as the OFL asks of modified versions. Takes about
# 2-3 minutes on 2 cores. Run as root on Debian 12, from anywhere:
#   reports/fonts/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! dpkg -s fonts-noto-cjk fonts-lxgw-wenkai python3-fonttools >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-noto-cjk fonts-lxgw-wenkai python3-fonttools
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Debian's fontTools, not a pyenv or virtualenv python that lacks it.
/usr/bin/python3 "$here/build_fonts.py" "$out"
mkdir -p "$here/ttf"
cp "$out"/*.ttf "$here/ttf/"
ls -l "$here/ttf"
echo "Fonts rebuilt. Versions used:"
dpkg-query -W fonts-noto-cjk fonts-lxgw-wenkai python3-fonttools
