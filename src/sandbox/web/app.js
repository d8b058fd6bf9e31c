// The sandbox's page: pick a demo person, chat with the bot as them, watch every chat change live
// (Server-Sent Events), and run the night's clock. Plain modules, no build step.

import { showClock } from "./clock.js";
import { $, api, el, failed, post, state, toast, words } from "./kit.js";
import { MAP, PLACES } from "./words.js";

// --- labels -----------------------------------------------------------------------------------

function applyWords() {
  document.documentElement.lang = state.lang;
  $("#ui-lang").textContent = state.lang === "zh" ? "EN" : "中文";
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = words()[node.dataset.t];
  $("#text").placeholder = state.lang === "zh" ? "输入消息…" : "Message…";
  renderPeople();
  renderTabs();
  renderPresets();
}

// --- people -----------------------------------------------------------------------------------

function renderPeople() {
  const aside = $("#people");
  aside.replaceChildren();
  let role = null;
  for (const person of state.people) {
    if (person.role !== role) {
      role = person.role;
      aside.append(el("h2", { textContent: words().roles[role] }));
    }
    const detail = person.team?.name ?? person.town ?? "";
    const unread = state.unread.get(person.id) ?? 0;
    const button = el(
      "button",
      { type: "button", className: person.id === state.person?.id ? "current" : "", title: `${person.language} · ${person.id}` },
      el("span", {}, person.name, " ", el("small", { textContent: detail })),
      unread ? el("span", { className: "badge", textContent: String(unread) }) : null,
    );
    button.dataset.person = String(person.id);
    button.addEventListener("click", () => choosePerson(person.id).catch(failed));
    aside.append(button);
  }
}

async function choosePerson(id) {
  const { person, chats } = await api(`/people/${id}`);
  state.person = person;
  state.chats = chats;
  state.unread.delete(id);
  $("#no-person").hidden = true;
  renderPeople();
  await chooseChat(chats[0].id);
}

function renderTabs() {
  const tabs = $("#chat-tabs");
  tabs.replaceChildren();
  for (const chat of state.chats) {
    const button = el("button", { type: "button", textContent: chat.type === "private" ? `🤖 ${words().private}` : `👥 ${chat.title}`, className: chat.id === state.chatId ? "current" : "" });
    button.dataset.chat = String(chat.id);
    button.addEventListener("click", () => chooseChat(chat.id).catch(failed));
    tabs.append(button);
  }
}

async function chooseChat(chatId) {
  state.chatId = chatId;
  renderTabs();
  const { messages, replyKeyboard } = await api(`/chats/${chatId}/messages`);
  $("#messages").replaceChildren(...messages.map(renderMessage));
  renderReplyKeyboard(replyKeyboard);
  scrollDown();
  closePopups();
}

// --- messages ---------------------------------------------------------------------------------

function renderMessage(message) {
  const own = message.from && state.person && message.from.id === state.person.id;
  const item = el("li", { className: `msg${own ? " own" : ""}` });
  item.dataset.messageId = String(message.id);
  const group = state.chats.find((c) => c.id === state.chatId)?.type !== "private";
  if (group && message.from && !own) item.append(el("div", { className: "from", textContent: message.from.name }));
  if (message.photo) item.append(el("img", { src: message.photo.url, alt: "photo", loading: "lazy" }));
  if (message.document) {
    const { url, fileName, mimeType } = message.document;
    if (mimeType?.startsWith("image/")) item.append(el("img", { src: url, alt: fileName ?? "image" }));
    item.append(el("a", { className: "doc", href: url, target: "_blank", rel: "noopener", textContent: `📄 ${fileName ?? "file"}` }));
  }
  if (message.voice) item.append(el("audio", { controls: true, src: message.voice.url }));
  if (message.location) item.append(el("div", { className: "text", textContent: `📍 ${message.location.latitude.toFixed(4)}, ${message.location.longitude.toFixed(4)}${message.location.livePeriod ? " (live)" : ""}` }));
  if (message.venue) item.append(el("div", { className: "text", textContent: `📍 ${message.venue.title}, ${message.venue.address}` }));
  if (message.contact) item.append(el("div", { className: "text", textContent: `👤 ${message.contact.firstName} ${message.contact.phoneNumber}` }));
  if (message.html !== undefined) item.append(el("div", { className: "text", innerHTML: message.html }));
  if (message.inlineKeyboard) {
    const keyboard = el("div", { className: "kbd" });
    message.inlineKeyboard.forEach((row, r) => {
      const line = el("div");
      row.forEach((button, c) => {
        const b = el("button", { type: "button", textContent: button.text });
        b.addEventListener("click", () => press(message.id, r, c, button).catch(failed));
        line.append(b);
      });
      keyboard.append(line);
    });
    item.append(keyboard);
  }
  const time = new Date(message.date * 1000).toLocaleTimeString(state.lang === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: state.timeZone });
  item.append(el("div", { className: "meta", textContent: `${message.edited ? `${words().edited} · ` : ""}${time}` }));
  return item;
}

function showMessage(message) {
  const list = $("#messages");
  const existing = list.querySelector(`[data-message-id="${message.id}"]`);
  const item = renderMessage(message);
  if (existing) existing.replaceWith(item);
  else {
    list.append(item);
    scrollDown();
  }
}

const scrollDown = () => requestAnimationFrame(() => ($("#messages").scrollTop = $("#messages").scrollHeight));

function renderReplyKeyboard(keyboard) {
  const box = $("#reply-keyboard");
  box.replaceChildren();
  if (!keyboard || state.chats.find((c) => c.id === state.chatId)?.type !== "private") return;
  for (const row of keyboard.rows) {
    const line = el("div");
    for (const button of row) {
      const icon = button.request === "contact" ? "👤" : button.request === "location" ? "📍" : "";
      // The icon says what the button shares, unless its label already shows it.
      const b = el("button", { type: "button", textContent: icon && !button.text.includes(icon) ? `${icon} ${button.text}` : button.text });
      // A location button asks where, as the map does; a phone would send where it is.
      if (button.request === "location") b.addEventListener("click", () => openLocation(button.text));
      else b.addEventListener("click", () => pressReplyButton(button.text, {}));
      line.append(b);
    }
    box.append(line);
  }
}

async function press(messageId, row, column, button) {
  if (button.action === "url") return void window.open(button.url, "_blank", "noopener");
  if (button.action !== "callback") return;
  const { callbackQueryId, answer } = await post(`/chats/${state.chatId}/buttons`, { as: state.person.id, messageId, row, column });
  if (answer) showAnswer(answer);
  else state.pressed.add(callbackQueryId); // the answer follows as an event
}

function showAnswer(answer) {
  if (!answer.text) return;
  if (answer.showAlert) {
    $("#alert-text").textContent = answer.text;
    $("#alert").showModal();
  } else toast(answer.text);
}

function pressReplyButton(text, place) {
  post(`/chats/${state.chatId}/reply-keyboard`, { as: state.person.id, text, ...place }).then((r) => showMessage(r.message)).catch(failed);
}

// --- composing --------------------------------------------------------------------------------

async function sendText(text) {
  const { message } = await post(`/chats/${state.chatId}/messages`, { as: state.person.id, text });
  showMessage(message);
}

function closePopups() {
  $("#menu").hidden = true;
  $("#location").hidden = true;
  state.locationButton = null;
}

/** Shows the map; a place picked on it is shared as a location, or through the reply keyboard's button that asked for it. */
function openLocation(replyButton = null) {
  closePopups();
  state.locationButton = replyButton;
  $("#location").hidden = false;
}

async function openMenu() {
  const menu = $("#menu");
  if (!menu.hidden) return closePopups();
  closePopups();
  const { commands } = await api(`/people/${state.person.id}/commands?chat=${state.chatId}`);
  menu.replaceChildren(...(commands.length ? commands : [{ command: "", description: words().noCommands }]).map((c) => {
    const b = el("button", { type: "button" }, c.command ? `/${c.command}` : "", el("small", { textContent: c.description }));
    if (c.command) b.addEventListener("click", () => {
      closePopups();
      sendText(`/${c.command}`).catch(failed);
    });
    return b;
  }));
  menu.hidden = false;
}

function renderPresets() {
  const presets = $("#location-presets");
  presets.replaceChildren(...PLACES.map((place) => {
    const b = el("button", { type: "button", textContent: place[state.lang] });
    b.addEventListener("click", () => shareLocation(place.latitude, place.longitude));
    return b;
  }));
  const map = $("#map");
  map.innerHTML = "";
  const ns = "http://www.w3.org/2000/svg";
  for (const place of PLACES) {
    const { x, y } = toMap(place);
    const dot = document.createElementNS(ns, "circle");
    Object.entries({ cx: x, cy: y, r: 4, fill: "#2a7ab8" }).forEach(([k, v]) => dot.setAttribute(k, String(v)));
    const label = document.createElementNS(ns, "text");
    Object.entries({ x: x + 6, y: y + 4, "font-size": 10 }).forEach(([k, v]) => label.setAttribute(k, String(v)));
    label.textContent = place[state.lang];
    map.append(dot, label);
  }
}

const toMap = ({ latitude, longitude }) => ({ x: ((longitude - MAP.west) / (MAP.east - MAP.west)) * 300, y: ((MAP.north - latitude) / (MAP.north - MAP.south)) * 200 });

function shareLocation(latitude, longitude) {
  const replyButton = state.locationButton;
  closePopups();
  if (replyButton) return pressReplyButton(replyButton, { latitude, longitude });
  post(`/chats/${state.chatId}/location`, { as: state.person.id, latitude, longitude }).then((r) => showMessage(r.message)).catch(failed);
}

async function sendPhoto(file) {
  const caption = $("#text").value.trim();
  const query = new URLSearchParams({ as: String(state.person.id), ...(caption ? { caption } : {}) });
  const response = await fetch(`/sandbox/api/chats/${state.chatId}/photo?${query}`, { method: "POST", headers: { "content-type": file.type || "image/jpeg" }, body: file });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error);
  $("#text").value = "";
  showMessage(body.message);
}

// --- live changes -----------------------------------------------------------------------------

function listen() {
  const events = new EventSource("/sandbox/api/events");
  const on = (name, handle) => events.addEventListener(name, (e) => handle(JSON.parse(e.data)));
  on("clock", showClock);
  on("message", ({ chatId, message, replyKeyboard }) => {
    if (chatId === state.chatId) {
      showMessage(message);
      renderReplyKeyboard(replyKeyboard);
    } else if (chatId > 0 && message.from?.isBot) {
      state.unread.set(chatId, (state.unread.get(chatId) ?? 0) + 1);
      renderPeople();
    }
  });
  on("edit", ({ chatId, message }) => chatId === state.chatId && showMessage(message));
  on("delete", ({ chatId, messageId }) => chatId === state.chatId && $(`#messages [data-message-id="${messageId}"]`)?.remove());
  on("callback-answer", ({ callbackQueryId, answer }) => {
    if (!state.pressed.delete(callbackQueryId)) return;
    showAnswer(answer);
  });
  events.addEventListener("open", () => state.chatId !== null && chooseChat(state.chatId).catch(failed));
}

// --- start ------------------------------------------------------------------------------------

async function start() {
  $("#ui-lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("sandbox-lang", state.lang);
    applyWords();
  });
  $("#composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("#text").value.trim();
    if (!text || !state.person) return;
    $("#text").value = "";
    sendText(text).catch(failed);
  });
  $("#menu-button").addEventListener("click", () => state.person && openMenu().catch(failed));
  $("#location-button").addEventListener("click", () => {
    if ($("#location").hidden && state.person) openLocation();
    else closePopups();
  });
  $("#contact-button").addEventListener("click", () => state.person && post(`/chats/${state.chatId}/contact`, { as: state.person.id }).then((r) => showMessage(r.message)).catch(failed));
  $("#photo-input").addEventListener("change", (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (file && state.person) sendPhoto(file).catch(failed);
  });
  $("#map").addEventListener("click", (event) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = (event.clientX - box.left) / box.width;
    const y = (event.clientY - box.top) / box.height;
    shareLocation(+(MAP.north - y * (MAP.north - MAP.south)).toFixed(5), +(MAP.west + x * (MAP.east - MAP.west)).toFixed(5));
  });
  for (const b of document.querySelectorAll("[data-speed]")) b.addEventListener("click", () => post("/clock/speed", { speed: Number(b.dataset.speed) }).then(showClock).catch(failed));
  $("#contact-button").title = words().contactHint;
  state.people = (await api("/people")).people;
  showClock(await api("/clock"));
  applyWords();
  listen();
  const wanted = Number(new URLSearchParams(location.search).get("as"));
  if (wanted) {
    await choosePerson(wanted);
    // Opened for someone far down the list: show them in it.
    $("#people button.current")?.scrollIntoView({ block: "center" });
  }
}

start().catch(failed);
