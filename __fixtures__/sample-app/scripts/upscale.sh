#!/bin/sh
curl -s -X POST https://api.novita.ai/v2/upscale \
  -H "Authorization: Bearer $NOVITA_API_KEY" \
  -d "{\"image\": \"$(base64 -w0 "$1")\", \"upscaler_1\": \"R-ESRGAN 4x+\", \"upscaling_resize\": 2}"
