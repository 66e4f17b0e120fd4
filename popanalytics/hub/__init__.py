"""Serving the dashboard to many users through JupyterHub: the single-user server
(Voilà behind the Hub's OAuth), the hub's hooks (audit of log-ins) and the
launcher behind `popanalytics hub`. The hub's configuration itself is
deploy/jupyterhub/jupyterhub_config.py."""
