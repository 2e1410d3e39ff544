import os
import requests

API = "https://api.novita.ai/v2/upscale"


def upscale(image_b64: str) -> str:
    r = requests.post(API, json={"image": image_b64, "upscaler_1": "R-ESRGAN 4x+", "upscaling_resize": 2},
                      headers={"Authorization": f"Bearer {os.environ['NOVITA_API_KEY']}"})
    return r.json()["data"]["task_id"]


def progress(task_id: str) -> dict:
    return requests.get(f"https://api.novita.ai/v2/progress?task_id={task_id}").json()
