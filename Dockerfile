# One image for every process of the platform; the command picks the process.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY gen ./gen
COPY services ./services
RUN pip install . && useradd --system --uid 1000 essay
USER essay
ENTRYPOINT ["essay"]
CMD ["up"]
