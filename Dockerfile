FROM python:3.11-slim
WORKDIR /srv/diplograph
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph ./graph
COPY extractors ./extractors
COPY domain ./domain
COPY samples ./samples
RUN pip install --no-cache-dir --no-deps --no-build-isolation .
RUN useradd --create-home diplograph
USER diplograph
EXPOSE 8000
CMD ["diplograph", "serve"]
