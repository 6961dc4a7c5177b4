"""Start the xblock-sdk workbench with scenarios for both blocks, wired to an LRS.

    python -m xblocks.workbench --lrs http://127.0.0.1:8080/xapi/ --key demo --secret S

Open http://127.0.0.1:8000/ and pick a scenario; add ``?student=NAME`` to act as another
learner (e.g. raters in the 360 scenario). State lives in ``--data-dir`` (default ``var/``).
"""

import argparse
import os
import sys

from leadership_domain import samples

from .settings import DEFAULTS, ENV_PREFIX


def scenario_path_id():
    return samples.FIRST_REPORTING_OFFICER_PATH


def configure(lrs, key, secret, data_dir, lms_root_url=None, cache_seconds=None):
    """Environment for the workbench process: our settings module and the LRS settings."""
    os.makedirs(data_dir, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "xblocks.workbench_settings"
    os.environ["XBLOCKS_WORKBENCH_DATA"] = os.path.abspath(data_dir)
    os.environ["EXCLUDE_SAMPLE_XBLOCKS"] = "yes"
    values = {"LRS_ENDPOINT": lrs, "LRS_KEY": key, "LRS_SECRET": secret,
              "OUTBOX_DIR": os.path.join(os.path.abspath(data_dir), "outbox"),
              "LMS_ROOT_URL": lms_root_url, "STATUS_CACHE_SECONDS": cache_seconds}
    for name, value in values.items():
        if value not in (None, ""):
            os.environ[ENV_PREFIX + name] = str(value)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m xblocks.workbench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lrs", default=os.environ.get(ENV_PREFIX + "LRS_ENDPOINT", ""),
                        help="xAPI endpoint, e.g. http://127.0.0.1:8080/xapi/")
    parser.add_argument("--key", default=os.environ.get(ENV_PREFIX + "LRS_KEY", ""))
    parser.add_argument("--secret", default=os.environ.get(ENV_PREFIX + "LRS_SECRET", ""))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--data-dir", default="var")
    parser.add_argument("--lms-root-url", default=None,
                        help=f"homePage of learners' xAPI accounts "
                             f"(default {DEFAULTS['LMS_ROOT_URL']})")
    parser.add_argument("--status-cache-seconds", default=None,
                        help="how long a learner's statuses are reused before the LRS is read")
    args = parser.parse_args(argv)
    if args.lrs and not (args.key and args.secret):
        print("error: --lrs needs --key and --secret", file=sys.stderr)
        return 2
    configure(args.lrs, args.key, args.secret, args.data_dir, args.lms_root_url,
              args.status_cache_seconds)
    import django
    from django.core.management import call_command
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
