"""Run the Telegram bridge: `python -m bot` (polling) or with TELEGRAM_WEBHOOK_URL set (webhook mode).

Webhook mode registers the webhook with a secret token; python-telegram-bot's webhook server rejects every
request whose X-Telegram-Bot-Api-Secret-Token header does not match.
"""
from __future__ import annotations

import logging
import os

from telegram import Update
from telegram.ext import AIORateLimiter, Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import config
from bot.bridge import Bridge


def build(settings: config.Settings) -> Application:
    bridge = Bridge(settings)
    application = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .base_file_url(settings.api_base_url.replace("/bot", "/file/bot"))
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(bridge.post_init)
        .post_shutdown(bridge.post_shutdown)
        .concurrent_updates(True)
        .build()
    )
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, bridge.on_group))
    application.add_handler(CommandHandler("start", bridge.on_start, filters=private))
    application.add_handler(CommandHandler("help", bridge.on_help, filters=private))
    application.add_handler(CommandHandler("language", bridge.on_language, filters=private))
    application.add_handler(CommandHandler("forget", bridge.on_forget, filters=private))
    application.add_handler(CommandHandler("stop", bridge.on_stop, filters=private))
    application.add_handler(CallbackQueryHandler(bridge.on_button))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, bridge.on_text))
    application.add_handler(MessageHandler(private & ~filters.TEXT & ~filters.COMMAND, bridge.on_other))
    application.add_error_handler(bridge.on_error)
    return application


def main() -> None:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # httpx logs every request URL, and Telegram URLs contain the bot token: keep it quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = config.load()
    application = build(settings)
    if settings.webhook_url:
        if not settings.webhook_secret:
            raise SystemExit("TELEGRAM_WEBHOOK_SECRET is required in webhook mode")
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=True,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=True)


if __name__ == "__main__":
    main()
